// Text extraction from attachment bytes, for search and the pre-publish scanners. An adapter to
// external code, so it lives outside the domain (which only sees DocumentService::TextExtractor).
//
//   PDF   `pdftotext` (poppler-utils) run as a child process on a private temp file, with a wall-clock
//         timeout, CPU and address-space limits and a cap on its output. A separate process, not
//         libpoppler in ours: a malicious or merely broken PDF can crash or hang the parser, and that
//         must cost one upload its text, never the server.
//   DOCX  word/document.xml read with libzip from memory (at most kMaxDocxXmlBytes uncompressed: a
//         ZIP bomb is refused), the text of <w:t> runs kept, paragraphs and breaks as newlines,
//         tabs and table cells as tabs.
//   text  TXT/CSV: the bytes themselves (already checked to be UTF-8).
//   other types yield "".
//
// Failures are reported as errors by the extract_* functions; extract_text() logs them as warnings
// and returns "" (an upload never fails because its text could not be read). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::storage {

inline constexpr size_t kMaxDocxXmlBytes = 64 * 1024 * 1024;

struct TextExtractOptions {
  std::string pdftotext = "pdftotext";        // program name (searched in PATH) or absolute path
  std::chrono::milliseconds timeout{30'000};  // wall clock for one PDF
  size_t max_output_bytes = 16 * 1024 * 1024; // more output is cut (and the child stopped)
  size_t max_memory_bytes = 1024u * 1024 * 1024;  // RLIMIT_AS of the child
  std::filesystem::path temp_dir;             // for the PDF handed to the child; default: the system's
};

[[nodiscard]] Result<std::string> extract_pdf_text(std::string_view bytes, const TextExtractOptions& options = {});
[[nodiscard]] Result<std::string> extract_docx_text(std::string_view bytes);
// The plain text of a word/document.xml part.
std::string docx_xml_to_text(std::string_view xml);

// Dispatches on the sniffed MIME type (documents/content_type.h); "" and a logged warning on failure.
std::string extract_text(std::string_view content_type, std::string_view bytes, const TextExtractOptions& options = {});

// extract_text bound to `options`, for DocumentService::set_text_extractor.
std::function<std::string(std::string_view, std::string_view)> make_text_extractor(TextExtractOptions options = {});

}  // namespace gk::storage
