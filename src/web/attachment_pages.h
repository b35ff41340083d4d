// Attachments on the web: the attachments section of a document's admin page (list, upload form,
// delete buttons, the field error of a refused upload), the list on the public document page, the
// upload and delete handlers (multipart/form-data, see multipart.h) and the two downloads.
//
// Downloads keep the uploader's Chinese file name: Content-Disposition carries an ASCII fallback in
// `filename` and the UTF-8 name in `filename*` (RFC 6266 + RFC 8187). They are sent with the type
// recognised from the bytes, `X-Content-Type-Options: nosniff`, a sandboxing CSP, and the SHA-256
// as a strong ETag (If-None-Match → 304). The public download answers 404 unless the document is
// public now; staff downloads follow the staff view's department scope.
#pragma once

#include <string>
#include <string_view>

#include "accounts/user.h"
#include "documents/document.h"
#include "http/request.h"
#include "http/response.h"
#include "web/web_context.h"

namespace gk::web {

// Request attribute under which the upload handler leaves a refused upload's Error for the section.
inline constexpr std::string_view kAttachmentErrorAttr = "web.attachment_error";

// The attachments section of the admin page of `doc` (rendered HTML).
std::string admin_attachments_html(WebContext& ctx, const http::Request& req, const accounts::Principal& who,
                                   const documents::Document& doc);
// The attachment list of the public page of document `id` ("" when it has none).
std::string public_attachments_html(WebContext& ctx, DocumentId id);

http::Response admin_attachment_upload(WebContext& ctx, http::Request& req);    // POST /admin/documents/{id}/attachments
http::Response admin_attachment_delete(WebContext& ctx, http::Request& req);    // POST …/attachments/{aid}/delete
http::Response admin_attachment_download(WebContext& ctx, http::Request& req);  // GET  /admin/documents/{id}/attachments/{aid}
http::Response portal_attachment_download(WebContext& ctx, http::Request& req); // GET  /documents/{id}/attachments/{aid}

}  // namespace gk::web
