// Attachment (附件): a file that belongs to a document — the PDF or OFD of the signed original, a
// spreadsheet of figures, a scanned image. Attachments are part of the document's content: they are
// added and removed only while the document is editable (draft or returned), each change is audited
// and noted in the version history, and the public sees them exactly when it sees the document.
//
// Invariants of a stored Attachment: `file_name` is the uploader's name, valid UTF-8, without path,
// control or bidi-override characters (sanitize_file_name); `content_type` is the type recognised
// from the bytes (content_type.h), never the browser's claim; `sha256` is the lower-case hex SHA-256
// of the bytes and `storage_key` names them in the FileStore (content-addressed: identical bytes are
// stored once however many documents carry them); one document never holds the same bytes twice.
// `text` is what text extraction produced (empty when it failed or the type has no text), for search
// and the pre-publish scanners. Value type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace gk::documents {

struct Attachment {
  AttachmentId id;
  DocumentId document;
  std::string file_name;     // original, UTF-8, sanitised
  std::string content_type;  // sniffed MIME type, e.g. "application/pdf"
  int64_t size = 0;          // bytes
  std::string sha256;        // lower-case hex
  std::string storage_key;   // key in the FileStore
  std::string text;          // extracted plain text; may be empty
  Instant uploaded_at;
  std::string uploaded_by;   // actor string, e.g. "user:12 张三"
};

// Default limits. 50 MiB covers scanned originals of long documents; the upload route's body limit
// (src/web/routes.cc) sits a little above it so that the service, not the transport, reports it.
inline constexpr int64_t kMaxAttachmentBytes = 50 * 1024 * 1024;
inline constexpr int kMaxAttachmentsPerDocument = 20;
// Longest file name kept, in bytes of UTF-8 (file systems allow 255; room for a download suffix).
inline constexpr size_t kMaxFileNameBytes = 240;
// Extracted text beyond this is cut (at a character boundary): enough for search and scanning.
inline constexpr size_t kMaxExtractedTextBytes = 8 * 1024 * 1024;

struct AttachmentLimits {
  int64_t max_file_bytes = kMaxAttachmentBytes;
  int max_per_document = kMaxAttachmentsPerDocument;
};

// The name to store for an uploaded file called `raw` (as the browser sent it): the last path
// component only (browsers on Windows may send "C:\…\报告.pdf"), without control characters,
// zero-width or bidi-override characters (which could disguise "exe.pdf"), with <>:"|?* replaced by
// '_', trimmed, without leading dots, at most kMaxFileNameBytes (the extension is kept when cut).
// InvalidArgument (field "file") when `raw` is not UTF-8 or nothing usable remains.
[[nodiscard]] Result<std::string> sanitize_file_name(std::string_view raw);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Extracted text made safe to store and show: valid UTF-8 (invalid bytes dropped), no NUL or other
// control characters except newline and tab, CR LF and form feeds as newlines, runs of blank lines
// collapsed, at most kMaxExtractedTextBytes.
std::string clean_extracted_text(std::string_view raw);

}  // namespace gk::documents
