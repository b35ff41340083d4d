#include "foi/case_view.h"

namespace gk::foi {

std::string mask_address(std::string_view address) {
  if (address.empty()) return "";
  constexpr size_t kKept = 6;
  size_t i = 0, chars = 0;
  while (i < address.size() && chars < kKept) {
    const auto b = static_cast<unsigned char>(address[i]);
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > address.size()) len = 1;
    i += len;
    ++chars;
  }
  if (i >= address.size()) return "****";
  return std::string(address.substr(0, i)) + "****";
}

Applicant mask_applicant(const Applicant& a) {
  Applicant m = a;
  if (!is_organization(a.type)) m.name = mask_name(a.name);
  m.id_number = a.id_number.empty() ? "" : mask_id_number(a.id_number);
  m.phone = a.phone.empty() ? "" : mask_phone(a.phone);
  m.email = a.email.empty() ? "" : mask_email(a.email);
  m.address = mask_address(a.address);
  m.contact = a.contact.empty() ? "" : mask_name(a.contact);
  return m;
}

}  // namespace gk::foi
