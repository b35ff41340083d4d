// render_docx: an OfficeDocument as the bytes of a .docx (Office Open XML WordprocessingML) file,
// zipped in memory with libzip.
//
// Parts: [Content_Types].xml, _rels/.rels, word/document.xml, word/_rels/document.xml.rels,
// word/styles.xml, word/settings.xml, word/footer1.xml ("第 X 页 共 Y 页" with PAGE/NUMPAGES fields),
// docProps/core.xml, docProps/app.xml. Tables are real w:tbl elements with a w:tblGrid, w:gridSpan
// and w:vMerge for spans, single-line borders, fixed column widths and w:tblHeader on header rows.
// East Asian text uses 宋体 (body) and 黑体 (level-1 headings) through w:rFonts w:eastAsia; A4 page
// size and margins from the PageSetup; exact line spacing as in the PDF.
//
// Text is XML-escaped; characters XML 1.0 forbids (C0 controls other than tab/newline) are dropped;
// '\n' becomes w:br and '\t' w:tab. Deterministic: entry times come from the document's metadata date.
// Thread-safe.
#pragma once

#include "core/markup_escape.h"

#include <string>

#include "core/error.h"
#include "docgen/office_document.h"

namespace gk::docgen {

// InvalidArgument from validate(); Internal when libzip fails.
[[nodiscard]] Result<std::string> render_docx(const OfficeDocument& doc);

using gk::xml_escape;  // core/markup_escape.h

}  // namespace gk::docgen
