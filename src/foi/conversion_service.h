// ConversionService: conversion of repeatedly requested information to proactive disclosure
// (依申请公开转主动公开, 《政府信息公开条例》第四十四条) — the suggestions the rule of conversion.h finds
// for a department, and the act of converting one: a document draft in the document library,
// linked to the requests it answers. Publishing then follows the library's normal workflow
// (submit → approve → publish), outside this service.
//
// The FOI module does not depend on the document library: the draft is made through the
// DocumentDrafter port, which the composition root wires to documents::DocumentService::create
// (conversion_drafter.h). Creating the draft and recording the conversion are two transactions (two
// stores); the draft comes first, so a failure to record leaves an unlinked draft (named in the
// error) and never a conversion without its document. A case joins at most one conversion: a
// second attempt is a Conflict, checked before the draft is made and enforced by the store.
//
// Permission: suggestions need kViewFoiCases, conversion kHandleFoiCase, for the department (the
// FOI officer; city-wide principals for any). The draft is created as the converting principal,
// so the document library's own rule applies too (信息员 role, or admin).
//
// Thread-safe when the store and the drafter are.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "core/date.h"
#include "core/error.h"
#include "core/request_context.h"
#include "foi/conversion.h"
#include "foi/reading_room.h"

namespace gk::foi {

// The document the conversion asks the library to draft.
struct ConversionDraft {
  DepartmentId department;  // the organ that received the requests
  std::string title;
  std::string summary;       // 内容概述: why it is published (Art. 44, the requests)
  std::string body_text;     // the released information, masked; plain text, paragraphs by "\n"
  std::string genre, topic;  // ConversionPolicy defaults
  Date formed_on;            // the day of conversion (Art. 26 counts 20 working days from it)
};
using DocumentDrafter = std::function<Result<DocumentId>(const accounts::Principal&, const ConversionDraft&,
                                                         const RequestContext&)>;

struct SuggestedCase {
  FoiCaseId id;
  std::string tracking_number;
  Date received_on;
  std::optional<Outcome> outcome;  // nullopt while being handled
  std::string text;                // the information sought, masked, cut to 200 characters
  double score = 0;                // similarity to the group's first request
};

struct ConversionSuggestion {
  DepartmentId department;
  std::vector<SuggestedCase> cases;            // in order of receipt; the first is the group's leader
  std::string title;                           // proposed document title
  std::optional<ReadingRoomEntryId> released;  // a live reading-room entry of the group, if any
};

struct ConversionResult {
  ConversionId id;
  DocumentId document;
};

class ConversionService {
 public:
  ConversionService(ReadingRoomStore& store, const Clock& clock, DocumentDrafter drafter,
                    ConversionPolicy policy = {});

  const ConversionPolicy& policy() const { return policy_; }

  // Suggestions for `department` (nullopt: the principal's own, or every department for city-wide
  // principals), groups with more requests first.
  [[nodiscard]] Result<std::vector<ConversionSuggestion>> suggestions(const accounts::Principal& who,
                                                                      std::optional<DepartmentId> department);
  // Converts the requests `cases` (the ids of one suggestion). InvalidArgument on "cases" when they
  // are fewer than the policy's minimum, of different departments, or no longer one group under the
  // rule; Conflict when one already joined a conversion; NotFound for a missing case.
  [[nodiscard]] Result<ConversionResult> convert(const accounts::Principal& who,
                                                 const std::vector<FoiCaseId>& cases,
                                                 const RequestContext& ctx);
  // Conversions done, newest first (kViewFoiCases as for suggestions).
  [[nodiscard]] Result<std::vector<Conversion>> conversions(const accounts::Principal& who,
                                                            std::optional<DepartmentId> department,
                                                            int limit = 100);

 private:
  ReadingRoomStore& store_;
  const Clock& clock_;
  DocumentDrafter drafter_;
  ConversionPolicy policy_;
};

}  // namespace gk::foi
