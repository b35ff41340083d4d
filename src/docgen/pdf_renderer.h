// render_pdf: an OfficeDocument as PDF bytes, laid out with Pango and drawn on a Cairo PDF surface.
//
// Fonts come from fonts-noto-cjk through fontconfig: "Noto Serif CJK SC" (body, tables; Bold for the
// title) and "Noto Sans CJK SC" (level-1 headings, Face::kSans). CJK text wraps at any character
// with Pango's line-breaking rules (no closing punctuation at a line start); lines sit on a fixed
// baseline pitch (OfficeDocument::line_spacing), so pages break between lines. Tables break between
// row groups and repeat their header rows. Fonts are embedded as subsets; text stays extractable
// (pdftotext). The output is deterministic: the same document gives the same bytes (metadata dates
// come from the document, never the clock).
//
// Thread-safe: each call uses its own surface and Pango context (fontconfig is internally locked).
#pragma once

#include <string>

#include "core/error.h"
#include "docgen/office_document.h"

namespace gk::docgen {

// InvalidArgument from validate(); Internal when Cairo reports an error.
[[nodiscard]] Result<std::string> render_pdf(const OfficeDocument& doc);

}  // namespace gk::docgen
