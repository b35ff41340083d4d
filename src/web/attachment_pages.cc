#include "web/attachment_pages.h"

#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/permission.h"
#include "documents/workflow.h"
#include "http/content_disposition.h"
#include "web/account_pages.h"
#include "web/admin_document_pages.h"
#include "web/multipart.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;

// What the file chooser offers; the server checks the content regardless.
constexpr const char* kAccept = ".pdf,.ofd,.docx,.doc,.xlsx,.xls,.odt,.ods,.png,.jpg,.jpeg,.gif,.txt,.csv";

std::optional<int64_t> positive_int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

struct Ids {
  DocumentId document;
  AttachmentId attachment;
};

Result<Ids> ids_of(const http::Request& req, bool with_attachment) {
  auto doc = positive_int(req.param("id"));
  if (!doc) return fail(Error::not_found("文件不存在"));
  Ids ids{DocumentId(*doc), AttachmentId()};
  if (with_attachment) {
    auto att = positive_int(req.param("aid"));
    if (!att) return fail(Error::not_found("附件不存在"));
    ids.attachment = AttachmentId(*att);
  }
  return ids;
}

std::string human_size(int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string type_label(std::string_view content_type) {
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"application/pdf", "PDF"},
      {"application/ofd", "OFD"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"},
      {"application/msword", "Word"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"},
      {"application/vnd.ms-excel", "Excel"},
      {"application/vnd.oasis.opendocument.text", "ODT"},
      {"application/vnd.oasis.opendocument.spreadsheet", "ODS"},
      {"image/png", "PNG 图片"},
      {"image/jpeg", "JPEG 图片"},
      {"image/gif", "GIF 图片"},
      {"text/plain", "文本"},
      {"text/csv", "CSV"},
  };
  for (const auto& [mime, label] : kLabels)
    if (mime == media) return std::string(label);
  return std::string(media);
}

View item_view(const documents::Attachment& a, const std::string& base) {
  View i;
  i.set("file_name", a.file_name);
  i.set("size", human_size(a.size));
  i.set("type", type_label(a.content_type));
  i.set("uploaded_at", a.uploaded_at.to_local_display());
  i.set("uploaded_by", a.uploaded_by);
  i.set("download_url", fmt::format("{}/attachments/{}", base, a.id.value));
  i.set("delete_url", fmt::format("{}/attachments/{}/delete", base, a.id.value));
  return i;
}

std::string limits_text(const documents::AttachmentLimits& l) {
  return fmt::format("单个文件不超过 {} MB，每个文件最多 {} 个附件。允许 PDF、OFD、Word、Excel、ODT/ODS、PNG/JPEG/GIF 图片和 "
                     "UTF-8 编码的 TXT/CSV；文件类型按内容检查。",
                     l.max_file_bytes / (1024 * 1024), l.max_per_document);
}

http::Response download(const http::Request& req, documents::AttachmentDownload d, bool is_public) {
  const auto& a = d.attachment;
  const std::string etag = "\"" + a.sha256 + "\"";
  http::Response res;
  if (auto inm = req.headers.get("If-None-Match"); inm && inm->find(etag) != std::string_view::npos) {
    res.status = 304;
  } else {
    res.status = 200;
    res.body = std::move(d.bytes);
  }
  res.headers.set("Content-Type", a.content_type);
  res.headers.set("Content-Disposition", http::attachment_disposition(a.file_name));
  res.headers.set("ETag", etag);
  res.headers.set("X-Content-Type-Options", "nosniff");
  // Should a browser still render it inline, it gets no scripts, no plugins and no same-origin rights.
  res.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  // Public copies are revalidated on every use, so that a withdrawn document's files stop at once.
  res.headers.set("Cache-Control", is_public ? "no-cache" : "private, no-store");
  return res;
}

}  // namespace

std::string admin_attachments_html(WebContext& ctx, const http::Request& req, const Principal& who,
                                   const documents::Document& doc) {
  View view;
  const std::string base = fmt::format("/admin/documents/{}", doc.id.value);
  const bool can_change = documents::next_state(doc.state, documents::WorkflowAction::kEdit).has_value() &&
                          documents::may_take(who, doc, documents::WorkflowAction::kEdit).has_value();
  View list{View::type::list};
  auto attachments = ctx.documents.attachments(who, doc.id);
  if (!attachments) {
    spdlog::warn("request {}: attachments of document {}: {}", req.request_id, doc.id.value,
                 attachments.error().to_string());
    view.set("load_error", true);
  } else {
    for (const auto& a : *attachments) list.push_back(item_view(a, base));
  }
  view.set("any", !list.list_value().empty());
  view.set("items", list);
  view.set("can_change", can_change);
  view.set("upload_url", base + "/attachments");
  view.set("csrf", visitor_of(req).csrf_token);
  view.set("accept", kAccept);
  view.set("limits", limits_text(ctx.documents.attachment_limits()));
  if (const Error* e = req.attr<Error>(kAttachmentErrorAttr)) {
    view.set("error", e->fields().empty() ? e->message() : e->fields()[0].message);
  }
  auto html = ctx.views.render("admin_attachments", view);
  if (!html) {
    spdlog::error("render admin_attachments failed: {}", html.error().to_string());
    return "";
  }
  return std::move(*html);
}

std::string public_attachments_html(WebContext& ctx, DocumentId id) {
  auto attachments = ctx.documents.public_attachments(id);
  if (!attachments || attachments->empty()) return "";
  View list{View::type::list};
  const std::string base = fmt::format("/documents/{}", id.value);
  for (const auto& a : *attachments) list.push_back(item_view(a, base));
  View view;
  view.set("items", list);
  auto html = ctx.views.render("document_attachments", view);
  if (!html) {
    spdlog::error("render document_attachments failed: {}", html.error().to_string());
    return "";
  }
  return std::move(*html);
}

http::Response admin_attachment_upload(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto ids = ids_of(req, false);
  if (!ids) return error_page(ctx, req, ids.error());
  const std::string content_type(req.headers.get("Content-Type").value_or(""));
  Result<documents::Attachment> added = [&]() -> Result<documents::Attachment> {
    GK_TRY_ASSIGN(parts, parse_multipart(content_type, req.body));
    for (const auto& part : parts) {
      if (part.name == "file" && part.file_name) {
        return ctx.documents.add_attachment(*p, ids->document, *part.file_name, part.data, request_context(req));
      }
    }
    return fail(Error::invalid_field("file", "请选择要上传的文件"));
  }();
  if (!added) {
    if (added.error().code() != ErrorCode::kInvalidArgument) return error_page(ctx, req, added.error());
    // Show the document page again, with the reason next to the upload form.
    req.set_attr(std::string(kAttachmentErrorAttr), added.error());
    http::Response res = admin_document(ctx, req);
    if (res.status == 200) res.status = 400;
    return res;
  }
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=attachment#attachments", ids->document.value));
}

http::Response admin_attachment_delete(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto ids = ids_of(req, true);
  if (!ids) return error_page(ctx, req, ids.error());
  Status st = ctx.documents.remove_attachment(*p, ids->document, ids->attachment, request_context(req));
  if (!st) return error_page(ctx, req, st.error());
  return http::Response::redirect(fmt::format("/admin/documents/{}?done=attachment#attachments", ids->document.value));
}

http::Response admin_attachment_download(WebContext& ctx, http::Request& req) {
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto ids = ids_of(req, true);
  if (!ids) return error_page(ctx, req, ids.error());
  auto d = ctx.documents.staff_attachment_download(*p, ids->document, ids->attachment);
  if (!d) return error_page(ctx, req, d.error());
  return download(req, std::move(*d), false);
}

http::Response portal_attachment_download(WebContext& ctx, http::Request& req) {
  auto ids = ids_of(req, true);
  if (!ids) return error_page(ctx, req, ids.error());
  auto d = ctx.documents.attachment_for_download(ids->document, ids->attachment);
  if (!d) return error_page(ctx, req, d.error());
  return download(req, std::move(*d), true);
}

}  // namespace gk::web
