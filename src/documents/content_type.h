// Content types of attachments, judged by what the bytes are — never by the file name alone.
//
// An upload is accepted only when (1) its content is one of the allowed formats below, recognised by
// magic bytes and, for ZIP- and OLE2-based formats, by the entries inside the container, and (2) the
// extension of its name is one that format uses. Anything else — executables, HTML or SVG (script
// risk), archives, macro-enabled Office files, unknown binaries, or a name whose extension does not
// match the content ("报告.pdf" that is really a ZIP or an EXE) — is refused with InvalidArgument on
// field "file" and a Chinese message saying what the content was found to be.
//
//   PDF        %PDF-                                               .pdf
//   DOCX/XLSX  ZIP with [Content_Types].xml and word/… or xl/…     .docx / .xlsx (no vbaProject.bin)
//   DOC/XLS    OLE2 (D0 CF 11 E0 A1 B1 1A E1) with a WordDocument  .doc / .xls
//              or Workbook/Book stream
//   ODT/ODS    ZIP whose "mimetype" entry names the OpenDocument    .odt / .ods
//              text or spreadsheet type
//   OFD        ZIP with OFD.xml at its root (GB/T 33190 版式文档)   .ofd
//   PNG, JPEG, GIF  by signature                                   .png / .jpg .jpeg / .gif
//   text, CSV  valid UTF-8 without NUL, not HTML/XML/SVG, no "#!"  .txt / .csv
//
// Pure functions over bytes; thread-safe. ZIP containers are read (directory only, plus the few
// bytes of an ODF "mimetype" entry) with libzip from memory: nothing is extracted.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::documents {

// What a byte string was recognised as. The first group is accepted; the rest are named so that the
// refusal can say what was found.
enum class ContentKind {
  kPdf, kDocx, kXlsx, kDoc, kXls, kOdt, kOds, kOfd, kPng, kJpeg, kGif, kText,
  // refused
  kEmpty, kExecutable, kScript, kHtml, kSvg, kXml, kMacroOffice, kZip, kOle2, kArchive, kImage, kBinary,
};

// Recognises `bytes` by content only.
ContentKind sniff_content(std::string_view bytes);

// Chinese description of a kind, e.g. "PDF 文件", "可执行程序".
std::string_view content_kind_label(ContentKind kind);

// An accepted file type.
struct FileType {
  ContentKind kind = ContentKind::kBinary;
  std::string mime;       // sent as Content-Type on download, e.g. "application/pdf", "text/csv; charset=utf-8"
  std::string extension;  // the (lower-case) extension the name carried, e.g. "pdf"
};

// The accepted type of an upload named `file_name` holding `bytes`, or InvalidArgument (field
// "file") when the content is not allowed or does not match the extension.
[[nodiscard]] Result<FileType> check_file_type(std::string_view file_name, std::string_view bytes);

// The lower-case ASCII extension of `file_name` without the dot ("" when none).
std::string file_extension(std::string_view file_name);

}  // namespace gk::documents
