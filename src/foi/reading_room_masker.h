// The masker of the reading room (依申请公开阅览室): before released information is published, every
// trace of the applicant's personal data is removed from its title and text (条例 Art. 15 protects
// personal privacy; the reading room publishes the information, never who asked for it).
//
// Two passes over UTF-8 text:
//   1. the applicant's own data, wherever it appears verbatim: name and contact person (organisation
//      names too — the requester is not part of the released information), ID number (any kind,
//      upper or lower case X), phone, e-mail and address;
//   2. a scan for the numbers that identify anyone, not only the applicant: 18-character resident
//      ID numbers (17 digits and a digit or X, GB 11643 — check digit not required, so a mistyped
//      number is masked too) and 11-digit mainland mobile numbers (1[3-9] followed by 9 digits),
//      each only when not part of a longer run of digits (a 20-digit account number stays).
// Replacements keep the shape readable: names become "***", numbers become as many '*' as they
// had characters, e-mail addresses "***@***", addresses "[地址已隐去]".
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "foi/foi_case.h"

namespace gk::foi {

struct MaskedText {
  std::string text;
  int replaced = 0;  // how many spans were masked
};

// Masks `text` as described above for `applicant`. Fragments shorter than two characters (a
// one-character name) are not searched for verbatim: they would mask ordinary words.
MaskedText mask_personal_data(std::string_view text, const Applicant& applicant);

// Pass 2 alone: 18-character resident ID numbers and 11-digit mobile numbers.
MaskedText mask_identifying_numbers(std::string_view text);

}  // namespace gk::foi
