// Attachments through the real router, middleware, services, SQLite and a file store in a temp
// directory: upload (multipart, CSRF in the body), the public download with its Chinese name, and
// refused uploads that must leave nothing behind.
#include <filesystem>

#include "documents/attachment.h"
#include "documents/sample_files.h"
#include "http/form.h"
#include "web_fixture.h"

namespace gk::web_test {
namespace {

namespace sample = documents::sample;
using documents::WorkflowAction;

constexpr const char* kBoundary = "----gkTestBoundary7MA4YWxkTrZu0gW";

class AttachmentsWebTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    add_user("editor1", "王编辑", "czj", {accounts::Role::kEditor});
    add_user("editor2", "李编辑", "hdz", {accounts::Role::kEditor});
    login(editor_, "editor1");
  }

  accounts::Principal system_in(const std::string& code) {
    accounts::Principal who = accounts::Principal::system();
    auto depts = accounts_->list_departments(nullptr);
    EXPECT_TRUE(depts);
    for (const auto& d : depts.value_or(std::vector<accounts::Department>{})) {
      if (d.code == code) {
        who.department = d.id;
        who.department_name = d.name;
      }
    }
    return who;
  }

  DocumentId draft(const std::string& title) {
    documents::DocumentDraft d;
    d.title = title;
    d.topic = "finance";
    d.summary = "概述";
    d.body_html = "<p>正文。</p>";
    auto id = documents_->create(system_in("czj"), d, rc_);
    EXPECT_TRUE(id) << id.error().to_string();
    return id.value_or(DocumentId());
  }

  int version_of(DocumentId id) { return documents_->get(accounts::Principal::system(), id)->document.version; }

  void publish(DocumentId id) {
    const auto sys = accounts::Principal::system();
    for (auto a : {WorkflowAction::kSubmit, WorkflowAction::kApprove}) ASSERT_TRUE(documents_->act(sys, id, version_of(id), a, "", rc_));
    ASSERT_TRUE(documents_->publish(sys, id, version_of(id), std::nullopt, rc_));
  }

  std::string admin_url(DocumentId id) { return "/admin/documents/" + std::to_string(id.value); }

  // The _csrf of the document's admin page, as a browser would have it.
  std::string csrf_for(Client& c, DocumentId id) {
    http::Response page = get(c, admin_url(id));
    const std::string marker = "name=\"_csrf\" value=\"";
    const size_t at = page.body.find(marker);
    if (at == std::string::npos) return "";
    const size_t start = at + marker.size();
    return page.body.substr(start, page.body.find('"', start) - start);
  }

  // POSTs a multipart/form-data upload as a browser does: _csrf field first, then the file part
  // with `disposition_name` (e.g. `filename="报告.pdf"`).
  http::Response upload_raw(Client& c, DocumentId id, const std::string& disposition_name, const std::string& bytes,
                            bool with_csrf = true) {
    const std::string csrf = with_csrf ? csrf_for(c, id) : "";
    std::string body;
    if (with_csrf) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n";
    }
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; " + disposition_name +
            "\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + kBoundary + "--\r\n";
    http::Request req;
    req.method = "POST";
    req.target = admin_url(id) + "/attachments";
    req.path = req.target;
    req.body = std::move(body);
    req.headers.set("Content-Type", std::string("multipart/form-data; boundary=") + kBoundary);
    std::string cookies;
    for (const auto& [k, v] : c.cookies) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
    req.headers.set("Cookie", cookies);
    req.remote_ip = "127.0.0.1";
    req.request_id = "test-upload";
    return router_->dispatch(req);
  }
  http::Response upload(Client& c, DocumentId id, const std::string& file_name, const std::string& bytes) {
    return upload_raw(c, id, "filename=\"" + file_name + "\"", bytes);
  }

  std::vector<documents::Attachment> attachments_of(DocumentId id) {
    auto list = documents_->attachments(accounts::Principal::system(), id);
    EXPECT_TRUE(list) << list.error().to_string();
    return list.value_or(std::vector<documents::Attachment>{});
  }

  size_t stored_files() {
    size_t n = 0;
    std::error_code ec;
    if (!std::filesystem::exists(dir_ / "files")) return 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "files", ec)) n += e.is_regular_file();
    return n;
  }

  std::string extracted_text(AttachmentId id) {
    auto lease = db_->acquire();
    auto rs = (*lease)->query("SELECT extracted_text FROM attachments WHERE id = ?", {id.value});
    return rs && !rs->rows.empty() ? rs->rows[0].get_text(0) : "";
  }

  RequestContext rc_{"test", "", ""};
  Client editor_;
};

TEST_F(AttachmentsWebTest, UploadThenPublicDownloadKeepsTheChineseNameAndBytes) {
  const DocumentId doc = draft("2024年财政预算");
  const std::string pdf = sample::pdf("Budget report 2024");
  http::Response up = upload(editor_, doc, "关于2024年财政预算的说明.pdf", pdf);
  ASSERT_EQ(up.status, 303) << up.body;
  EXPECT_EQ(up.headers.get("Location"), admin_url(doc) + "?done=attachment#attachments");

  auto list = attachments_of(doc);
  ASSERT_EQ(list.size(), 1u);
  const auto& a = list[0];
  EXPECT_EQ(a.file_name, "关于2024年财政预算的说明.pdf");
  EXPECT_EQ(a.content_type, "application/pdf");
  EXPECT_EQ(a.sha256, documents::sha256_hex(pdf));
  EXPECT_EQ(a.uploaded_by.find("王编辑") != std::string::npos, true) << a.uploaded_by;
  EXPECT_NE(extracted_text(a.id).find("Budget report 2024"), std::string::npos) << "text extracted with pdftotext";
  EXPECT_EQ(stored_files(), 1u);

  http::Response admin = get(editor_, admin_url(doc));
  EXPECT_NE(admin.body.find("关于2024年财政预算的说明.pdf"), std::string::npos);
  EXPECT_NE(admin.body.find("enctype=\"multipart/form-data\""), std::string::npos);

  publish(doc);
  Client visitor;
  const std::string url = "/documents/" + std::to_string(doc.value) + "/attachments/" + std::to_string(a.id.value);
  http::Response page = get(visitor, "/documents/" + std::to_string(doc.value));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"" + url + "\""), std::string::npos) << "the public page links the download";
  EXPECT_NE(page.body.find("关于2024年财政预算的说明.pdf"), std::string::npos);

  http::Response dl = get(visitor, url);
  ASSERT_EQ(dl.status, 200) << dl.body;
  EXPECT_EQ(dl.body, pdf);
  EXPECT_EQ(dl.headers.get("Content-Type"), "application/pdf");
  EXPECT_EQ(dl.headers.get("Content-Disposition"),
            "attachment; filename=\"_2024_.pdf\"; filename*=UTF-8''"
            "%E5%85%B3%E4%BA%8E2024%E5%B9%B4%E8%B4%A2%E6%94%BF%E9%A2%84%E7%AE%97%E7%9A%84%E8%AF%B4%E6%98%8E.pdf");
  EXPECT_EQ(dl.headers.get("ETag"), "\"" + documents::sha256_hex(pdf) + "\"");
  EXPECT_EQ(dl.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(dl.headers.get("Cache-Control"), "no-cache");
  ASSERT_TRUE(dl.headers.get("Content-Security-Policy"));
  EXPECT_NE(dl.headers.get("Content-Security-Policy")->find("sandbox"), std::string::npos);

  http::Request again;
  again.method = "GET";
  again.target = again.path = url;
  again.headers.set("If-None-Match", "\"" + documents::sha256_hex(pdf) + "\"");
  again.request_id = "test-304";
  http::Response not_modified = router_->dispatch(again);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
}

TEST_F(AttachmentsWebTest, ExtendedFilenameIsHonouredAndDocxTextIsExtracted) {
  const DocumentId doc = draft("实施细则");
  const std::string docx = sample::docx({"第一条　为规范财政资金管理，制定本细则。"});
  http::Response up = upload_raw(editor_, doc,
                                 "filename=\"fallback.docx\"; filename*=UTF-8''%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.docx",
                                 docx);
  ASSERT_EQ(up.status, 303) << up.body;
  auto list = attachments_of(doc);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].file_name, "实施细则.docx");
  EXPECT_EQ(extracted_text(list[0].id), "第一条　为规范财政资金管理，制定本细则。");
}

TEST_F(AttachmentsWebTest, DisguisedUploadIsAFieldErrorAndNothingIsStored) {
  const DocumentId doc = draft("草稿文件");
  const int version = version_of(doc);
  http::Response up = upload(editor_, doc, "report.pdf", sample::exe());
  EXPECT_EQ(up.status, 400);
  EXPECT_NE(up.body.find("可执行程序"), std::string::npos) << up.body;
  EXPECT_NE(up.body.find("id=\"attachment-error\""), std::string::npos) << "shown next to the upload form";
  EXPECT_NE(up.body.find("草稿文件"), std::string::npos) << "the document page is shown again";

  http::Response html = upload(editor_, doc, "readme.txt", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(html.status, 400);
  EXPECT_NE(html.body.find("网页（HTML）"), std::string::npos);

  EXPECT_TRUE(attachments_of(doc).empty());
  EXPECT_EQ(stored_files(), 0u);
  EXPECT_EQ(version_of(doc), version);
}

TEST_F(AttachmentsWebTest, OversizeUploadIsAFieldErrorAndNothingIsStored) {
  const DocumentId doc = draft("大文件");
  EXPECT_EQ(router_->body_limit_for("POST", admin_url(doc) + "/attachments"), 55u * 1024 * 1024)
      << "bodies above the route limit get 413 from the transport";
  std::string big = sample::pdf();
  big.resize(documents::kMaxAttachmentBytes + 1, ' ');
  http::Response up = upload(editor_, doc, "扫描件.pdf", big);
  EXPECT_EQ(up.status, 400);
  EXPECT_NE(up.body.find("文件过大"), std::string::npos);
  EXPECT_NE(up.body.find("50.0 MB"), std::string::npos);
  EXPECT_TRUE(attachments_of(doc).empty());
  EXPECT_EQ(stored_files(), 0u);
}

TEST_F(AttachmentsWebTest, AttachmentOfADraftIsNotPublic) {
  const DocumentId doc = draft("未公开");
  ASSERT_EQ(upload(editor_, doc, "附件.txt", "内部材料").status, 303);
  const auto a = attachments_of(doc).at(0);
  Client visitor;
  const std::string tail = "/attachments/" + std::to_string(a.id.value);
  EXPECT_EQ(get(visitor, "/documents/" + std::to_string(doc.value) + tail).status, 404);
  EXPECT_EQ(get(visitor, "/documents/" + std::to_string(doc.value) + "/attachments/abc").status, 404);
  // Staff of the department may download it; staff of another department may not.
  http::Response staff = get(editor_, admin_url(doc) + tail);
  ASSERT_EQ(staff.status, 200);
  EXPECT_EQ(staff.body, "内部材料");
  EXPECT_EQ(staff.headers.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(staff.headers.get("Cache-Control"), "private, no-store");
  Client other;
  login(other, "editor2");
  EXPECT_EQ(get(other, admin_url(doc) + tail).status, 403);
  EXPECT_EQ(get(visitor, admin_url(doc) + tail).status, 303) << "anonymous: to the login page";
}

TEST_F(AttachmentsWebTest, UploadWithoutCsrfTokenIsRefused) {
  const DocumentId doc = draft("CSRF");
  http::Response up = upload_raw(editor_, doc, "filename=\"a.txt\"", "text", /*with_csrf=*/false);
  EXPECT_EQ(up.status, 403);
  EXPECT_TRUE(attachments_of(doc).empty());
}

TEST_F(AttachmentsWebTest, DeleteRemovesTheAttachmentAndItsBytes) {
  const DocumentId doc = draft("删除附件");
  ASSERT_EQ(upload(editor_, doc, "名单.csv", "姓名,单位\n张三,财政局\n").status, 303);
  const auto a = attachments_of(doc).at(0);
  EXPECT_EQ(stored_files(), 1u);
  http::Response del = post_form(editor_, admin_url(doc),
                                 admin_url(doc) + "/attachments/" + std::to_string(a.id.value) + "/delete", {});
  ASSERT_EQ(del.status, 303) << del.body;
  EXPECT_TRUE(attachments_of(doc).empty());
  EXPECT_EQ(stored_files(), 0u);
}

TEST_F(AttachmentsWebTest, SubmittedDocumentTakesNoNewAttachments) {
  const DocumentId doc = draft("已提交");
  ASSERT_TRUE(documents_->act(accounts::Principal::system(), doc, version_of(doc), WorkflowAction::kSubmit, "", rc_));
  http::Response up = upload(editor_, doc, "a.txt", "text");
  EXPECT_EQ(up.status, 409);
  http::Response page = get(editor_, admin_url(doc));
  EXPECT_EQ(page.body.find("id=\"attachment-form\""), std::string::npos) << "no upload form when not editable";
}

TEST_F(AttachmentsWebTest, MalformedMultipartBodyIsABadRequest) {
  const DocumentId doc = draft("坏请求");
  const std::string csrf = csrf_for(editor_, doc);
  http::Request req;
  req.method = "POST";
  req.target = req.path = admin_url(doc) + "/attachments";
  req.headers.set("Content-Type", "multipart/form-data; boundary=xyz");
  req.headers.set("X-CSRF-Token", csrf);
  std::string cookies;
  for (const auto& [k, v] : editor_.cookies) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
  req.headers.set("Cookie", cookies);
  req.body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 cut off";
  req.request_id = "test-bad";
  http::Response res = router_->dispatch(req);
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(attachments_of(doc).empty());
}

}  // namespace
}  // namespace gk::web_test
