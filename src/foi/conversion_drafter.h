// The DocumentDrafter of conversions to proactive disclosure (conversion_service.h) over the document
// library: a documents::DocumentService::create of a proactive (主动公开) draft in the organ that
// received the requests, with the released text as body (escaped into paragraphs), the conversion's
// summary and the policy's genre and topic. The draft is created as the converting principal, with
// its department set to the organ (a city-wide admin converts for any organ); the library's rule
// applies (信息员 role or admin). Kept apart from conversion_service.cc so the FOI rules do not depend on the
// library; the composition root and the storage tests wire it. Thread-safe when the service is.
#pragma once

#include <functional>
#include <string>

#include "documents/document_service.h"
#include "foi/conversion_service.h"

namespace gk::foi {

// `department_name` names an organ for the document's 发布机构 (e.g. "东阳市财政局").
DocumentDrafter make_document_drafter(documents::DocumentService& documents,
                                      std::function<std::string(DepartmentId)> department_name);

// Plain text (paragraphs separated by newlines) as escaped <p> paragraphs.
std::string paragraphs_html(std::string_view text);

}  // namespace gk::foi
