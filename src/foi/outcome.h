// Outcome: how an application was closed — exactly one leaf row of the annual-report table
// (国办公开办函〔2021〕30号, section 三, regulations.md §3.3). The row keys are the contract shared with
// `gongkai report annual` and `gongkai foi import`; never rename them.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace gk::foi {

enum class Outcome {
  kDisclosed,                        // （一）予以公开 — Art. 36(一)(二)
  kPartiallyDisclosed,               // （二）部分公开 — Art. 37
  kWithheldStateSecret,              // （三）1 — Art. 14
  kWithheldProhibitedByLaw,          // （三）2 — Art. 14
  kWithheldSecurityStability,        // （三）3 — Art. 14
  kWithheldThirdPartyRights,         // （三）4 — Art. 15
  kWithheldInternalAffairs,          // （三）5 — Art. 16 ¶1
  kWithheldProcessInformation,       // （三）6 — Art. 16 ¶2
  kWithheldLawEnforcementFiles,      // （三）7 — Art. 16 ¶2
  kWithheldAdministrativeQuery,      // （三）8 — Art. 36(七)
  kUnableNotHeld,                    // （四）1 — Art. 36(四)(五)
  kUnableNeedsCreation,              // （四）2 — Art. 38
  kUnableUnclearAfterClarification,  // （四）3 — Art. 30
  kNotProcessedPetitionComplaint,    // （五）1 — Art. 39 ¶1
  kNotProcessedRepeat,               // （五）2 — Art. 36(六)
  kNotProcessedPublication,          // （五）3 — Art. 39 ¶2
  kNotProcessedExcessive,            // （五）4 — Art. 35
  kNotProcessedConfirmOrReissue,     // （五）5
  kOtherNoClarification,             // （六）1 — Art. 30 (not supplemented in time)
  kOtherFeeUnpaid,                   // （六）2 — 国办函〔2020〕109号 (fee not paid in time)
  kOtherOther,                       // （六）3
};

struct OutcomeInfo {
  Outcome outcome;
  std::string_view key;      // e.g. "withheld_third_party_rights"
  std::string_view row;      // e.g. "（三）4"
  std::string_view label;    // official label, e.g. "保护第三方合法权益"
  std::string_view article;  // the rule it rests on, e.g. "《政府信息公开条例》第十五条"
  bool refusal;              // a refusal to disclose: the reply must say 行政复议 comes first (行政复议法 2023 Art. 23)
};

// Every outcome in the order of the official table.
std::span<const OutcomeInfo> outcomes();
const OutcomeInfo& info(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view key);

}  // namespace gk::foi
