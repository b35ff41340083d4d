// Masking of an applicant's personal data for display (条例 Art. 15 protects personal privacy; the
// issue's item 8: personal data is masked for roles that do not need it). Who may see it unmasked
// is decided in foi_service.cc (officer, approver and legal reviewer of the case's department,
// admin), and every unmasked view is audited there. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "foi/foi_case.h"

namespace gk::foi {

// The applicant with name (natural persons only: an organisation's name is not personal data),
// ID number, phone, e-mail, address and contact person masked by foi::mask_*.
Applicant mask_applicant(const Applicant& a);

// An address cut to its first 6 characters followed by "****" ("浙江省东阳市****"); short ones
// become "****".
std::string mask_address(std::string_view address);

}  // namespace gk::foi
