#include "web/multipart.h"

#include <utility>

#include "core/utf8.h"
#include "http/headers.h"

namespace gk::web {
namespace {

constexpr size_t kMaxBoundary = 70;  // RFC 2046 §5.1.1

Error bad(std::string message) { return Error::invalid_field("form", std::move(message)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "type; a=b; c=\"d;e\"" → type and parameters (names lower-cased). A backslash inside a quoted
// string escapes only '"' and '\': browsers send Windows paths ("C:\dir\a.pdf") unescaped.
struct HeaderValue {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  const std::string* param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return &v;
    return nullptr;
  }
};

Result<HeaderValue> parse_header_value(std::string_view v) {
  HeaderValue out;
  const size_t semi = v.find(';');
  out.type = lower(trim_ows(v.substr(0, semi)));
  if (semi == std::string_view::npos) return out;
  size_t i = semi + 1;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == ';')) ++i;
    if (i >= v.size()) break;
    const size_t eq = v.find('=', i);
    if (eq == std::string_view::npos) return fail(bad("表单数据的头部参数格式有误"));
    const std::string name = lower(trim_ows(v.substr(i, eq - i)));
    if (name.empty()) return fail(bad("表单数据的头部参数格式有误"));
    i = eq + 1;
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      ++i;
      bool closed = false;
      while (i < v.size()) {
        const char c = v[i];
        if (c == '\\' && i + 1 < v.size() && (v[i + 1] == '"' || v[i + 1] == '\\')) {
          value += v[i + 1];
          i += 2;
          continue;
        }
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        value += c;
        ++i;
      }
      if (!closed) return fail(bad("表单数据的头部参数缺少结束引号"));
      while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
      if (i < v.size() && v[i] != ';') return fail(bad("表单数据的头部参数格式有误"));
    } else {
      const size_t end = v.find(';', i);
      value = std::string(trim_ows(v.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end == std::string_view::npos ? v.size() : end;
    }
    out.params.emplace_back(name, std::move(value));
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 8187 ext-value: charset "'" [language] "'" pct-encoded value → UTF-8.
Result<std::string> decode_ext_value(std::string_view v) {
  const size_t q1 = v.find('\'');
  const size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return fail(bad("文件名（filename*）格式有误"));
  const std::string charset = lower(v.substr(0, q1));
  std::string bytes;
  for (size_t i = q2 + 1; i < v.size(); ++i) {
    if (v[i] == '%') {
      if (i + 2 >= v.size()) return fail(bad("文件名（filename*）的百分号编码有误"));
      const int hi = hex_value(v[i + 1]), lo = hex_value(v[i + 2]);
      if (hi < 0 || lo < 0) return fail(bad("文件名（filename*）的百分号编码有误"));
      bytes += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      bytes += v[i];
    }
  }
  if (charset == "utf-8") {
    if (!is_valid_utf8(bytes)) return fail(bad("文件名（filename*）不是有效的 UTF-8"));
    return bytes;
  }
  if (charset == "iso-8859-1") {
    std::string out;
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return out;
  }
  return fail(bad("文件名（filename*）使用了不支持的字符集"));
}

}  // namespace

bool is_multipart_form(std::string_view content_type) {
  const std::string type = lower(trim_ows(content_type.substr(0, content_type.find(';'))));
  return type == "multipart/form-data";
}

Result<std::string> multipart_boundary(std::string_view content_type) {
  if (!is_multipart_form(content_type)) return fail(bad("请以 multipart/form-data 方式提交表单"));
  GK_TRY_ASSIGN(hv, parse_header_value(content_type));
  const std::string* b = hv.param("boundary");
  if (!b || b->empty()) return fail(bad("表单数据缺少分隔符（boundary）"));
  if (b->size() > kMaxBoundary) return fail(bad("表单数据的分隔符过长"));
  for (char c : *b) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) return fail(bad("表单数据的分隔符含有无效字符"));
  }
  return *b;
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type, std::string_view body,
                                                   const MultipartLimits& limits) {
  GK_TRY_ASSIGN(boundary, multipart_boundary(content_type));
  const std::string delimiter = "--" + boundary;
  const std::string next_delimiter = "\r\n" + delimiter;

  size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    const size_t first = body.find(next_delimiter);  // after a preamble
    if (first == std::string_view::npos) return fail(bad("表单数据不完整（找不到分隔符）"));
    pos = first + 2;
  }
  pos += delimiter.size();

  std::vector<MultipartPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return fail(bad("表单数据不完整或格式有误"));
    pos += 2;
    if (parts.size() >= limits.max_parts) return fail(bad("表单字段过多"));

    // Header block, up to the empty line.
    size_t content_start = 0;
    std::string_view header_block;
    if (body.substr(pos, 2) == "\r\n") {
      content_start = pos + 2;
    } else {
      const size_t end = body.find("\r\n\r\n", pos);
      if (end == std::string_view::npos) {
        return fail(bad(body.size() - pos > limits.max_header_bytes ? "表单字段的头部过长" : "表单数据不完整（字段头部被截断）"));
      }
      if (end - pos > limits.max_header_bytes) return fail(bad("表单字段的头部过长"));
      header_block = body.substr(pos, end - pos);
      content_start = end + 4;
    }

    MultipartPart part;
    bool disposition = false;
    while (!header_block.empty()) {
      const size_t eol = header_block.find("\r\n");
      const std::string_view line = header_block.substr(0, eol);
      header_block = eol == std::string_view::npos ? std::string_view() : header_block.substr(eol + 2);
      if (line.empty() || line[0] == ' ' || line[0] == '\t') return fail(bad("表单字段的头部格式有误"));
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) return fail(bad("表单字段的头部格式有误"));
      const std::string_view name = trim_ows(line.substr(0, colon));
      const std::string_view value = trim_ows(line.substr(colon + 1));
      if (http::iequals(name, "Content-Disposition")) {
        GK_TRY_ASSIGN(hv, parse_header_value(value));
        if (hv.type != "form-data") return fail(bad("表单字段的 Content-Disposition 应为 form-data"));
        const std::string* field = hv.param("name");
        if (!field) return fail(bad("表单字段缺少名称"));
        part.name = *field;
        if (const std::string* ext = hv.param("filename*")) {
          GK_TRY_ASSIGN(decoded, decode_ext_value(*ext));
          part.file_name = std::move(decoded);
        } else if (const std::string* fn = hv.param("filename")) {
          part.file_name = *fn;
        }
        disposition = true;
      } else if (http::iequals(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return fail(bad("表单字段缺少 Content-Disposition"));
    if (!is_valid_utf8(part.name)) return fail(bad("表单字段名含有无效字符"));

    const size_t next = body.find(next_delimiter, content_start);
    if (next == std::string_view::npos) return fail(bad("表单数据不完整（上传可能被中断），请重新提交"));
    part.data = body.substr(content_start, next - content_start);
    if (!part.file_name && (part.data.find('\0') != std::string_view::npos || !is_valid_utf8(part.data))) {
      return fail(bad("表单字段“" + part.name + "”含有无效字符"));
    }
    parts.push_back(std::move(part));
    pos = next + next_delimiter.size();
  }
}

std::optional<std::string> multipart_field(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& p : parts)
    if (!p.file_name && p.name == name) return std::string(p.data);
  return std::nullopt;
}

}  // namespace gk::web
