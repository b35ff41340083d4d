// The department statistics table read from an XLSX workbook (see statistics.h): the first worksheet
// becomes the same lines of cells the CSV parser produces, and both go through
// parse_statistics_lines, so a row is accepted or rejected for the same reasons whichever format
// carried it.
//
// Untrusted input: the bytes come from an upload or an API push. Every part is inflated through a
// bounded stream (kMaxPartBytes, whatever sizes the zip directory claims), so a zip bomb stops at the
// limit; a part with a DTD is refused (OOXML never has one), so no entity expansion happens either.
// Any failure is InvalidArgument "不是有效的 XLSX 文件…" on the field "file".
//
// What is kept is bounded too, not only what is inflated: a row keeps at most kKeptColumns cells
// (a cell may name any column up to XFD, and a row of one cell at XFD must not become 16,384
// fields), a cell's text at most kMaxCellBytes, the sheet at most kMaxDataRows rows after the header,
// the shared string table at most kMaxSharedStrings entries, and of the workbook's relationships only
// the first sheet's. Those limits are InvalidArgument on "file" with their own message (the file is
// a workbook, just not one we take). Thread-safe.
#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "report/statistics.h"

namespace gk::report {
namespace {

// Largest uncompressed size of one part we read. The statistics of every department for many years
// fit in well under 1 MB of sheet XML.
constexpr zip_uint64_t kMaxPartBytes = 20 * 1024 * 1024;
// Excel's own limits: columns A..XFD, rows 1..1048576.
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;
// The statistics table has 6 columns. A row keeps its cells in columns A..H; a non-blank cell further
// right is only remembered (the row then reads as kKeptColumns + 1 fields, so validation rejects it
// as having the wrong number of columns under its row number).
constexpr int kKeptColumns = kMaxStatisticsFields;
// Data rows after the header (one per department and year: a few hundred in practice).
constexpr size_t kMaxDataRows = kMaxStatisticsRows;
// Text of one cell (a department's name is a few dozen bytes, a number fewer).
constexpr size_t kMaxCellBytes = kMaxStatisticsFieldBytes;
// Entries of the shared string table (every sheet's strings; the statistics need a few hundred).
constexpr size_t kMaxSharedStrings = 100000;

constexpr std::string_view kWorkbookPart = "xl/workbook.xml";
constexpr std::string_view kWorkbookRelsPart = "xl/_rels/workbook.xml.rels";
constexpr std::string_view kDefaultSheetPart = "xl/worksheets/sheet1.xml";
constexpr std::string_view kDefaultSharedStringsPart = "xl/sharedStrings.xml";

Error not_xlsx(std::string_view detail = {}) {
  return Error::invalid_field("file", detail.empty() ? std::string("不是有效的 XLSX 文件")
                                                     : fmt::format("不是有效的 XLSX 文件：{}", detail));
}

// The parser is namespace-aware, so names arrive as "namespace-uri|local": prefixed documents
// (<x:c>, as some generators write) read like unprefixed ones, and strict OOXML's other namespace
// works too. We match on local names.
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  const size_t bar = n.rfind('|');
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

const XML_Char* attribute(const XML_Char** attrs, std::string_view local) {
  for (int i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == local) return attrs[i + 1];
  return nullptr;
}

// What one part's reader does with the elements and text; setting `error` (a broken file: reported
// as "不是有效的 XLSX 文件：<part>：<error>") or `refusal` (a limit: reported as it is) stops the parse.
class PartReader {
 public:
  virtual ~PartReader() = default;
  virtual void start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  bool stopped() const { return error || refusal; }
  std::optional<std::string> error;
  std::optional<Error> refusal;
};

struct ParseState {
  PartReader* reader;
  XML_Parser parser;
  bool doctype = false;
};

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }  // read-only: nothing to write back
};
struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct FileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

bool has_part(zip_t* za, std::string_view name) {
  return zip_name_locate(za, std::string(name).c_str(), 0) >= 0;
}

// Inflates part `name` in chunks straight into expat, never more than kMaxPartBytes.
Status read_part(zip_t* za, std::string_view name, PartReader& reader) {
  std::unique_ptr<zip_file_t, FileClose> file(zip_fopen(za, std::string(name).c_str(), 0));
  if (!file) return std::unexpected(not_xlsx(fmt::format("无法读取 {}", name)));
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser(XML_ParserCreateNS("UTF-8", '|'));
  if (!parser) return std::unexpected(Error::internal("XML_ParserCreateNS failed"));
  ParseState state{&reader, parser.get()};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(
      parser.get(),
      [](void* u, const XML_Char* n, const XML_Char** attrs) {
        auto* s = static_cast<ParseState*>(u);
        if (s->reader->stopped()) return;
        s->reader->start(local_name(n), attrs);
        if (s->reader->stopped()) XML_StopParser(s->parser, XML_FALSE);
      },
      [](void* u, const XML_Char* n) {
        auto* s = static_cast<ParseState*>(u);
        if (s->reader->stopped()) return;
        s->reader->end(local_name(n));
        if (s->reader->stopped()) XML_StopParser(s->parser, XML_FALSE);
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* u, const XML_Char* t, int len) {
    auto* s = static_cast<ParseState*>(u);
    if (!s->reader->stopped()) s->reader->text(std::string_view(t, static_cast<size_t>(len)));
  });
  XML_SetStartDoctypeDeclHandler(parser.get(),
                                 [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
                                   auto* s = static_cast<ParseState*>(u);
                                   s->doctype = true;
                                   XML_StopParser(s->parser, XML_FALSE);
                                 });

  std::vector<char> buf(64 * 1024);
  zip_uint64_t total = 0;
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buf.data(), buf.size());
    if (n < 0) return std::unexpected(not_xlsx(fmt::format("{} 已损坏，无法解压", name)));
    total += static_cast<zip_uint64_t>(n);
    if (total > kMaxPartBytes) {
      return std::unexpected(
          not_xlsx(fmt::format("{} 解压后超过 {} MB", name, kMaxPartBytes / (1024 * 1024))));
    }
    const bool last = n == 0;
    if (XML_Parse(parser.get(), buf.data(), static_cast<int>(n), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      if (reader.refusal) return std::unexpected(*reader.refusal);
      if (reader.error) return std::unexpected(not_xlsx(fmt::format("{}：{}", name, *reader.error)));
      if (state.doctype) return std::unexpected(not_xlsx(fmt::format("{} 含有 DTD", name)));
      return std::unexpected(not_xlsx(fmt::format("{} 第 {} 行不是有效的 XML（{}）", name,
                                                  XML_GetCurrentLineNumber(parser.get()),
                                                  XML_ErrorString(XML_GetErrorCode(parser.get())))));
    }
    if (last) return {};
  }
}

// xl/workbook.xml: the relationship id of the first sheet in tab order.
class WorkbookReader final : public PartReader {
 public:
  void start(std::string_view name, const XML_Char** attrs) override {
    if (name != "sheet" || first_sheet_rid) return;
    if (const XML_Char* id = attribute(attrs, "id")) first_sheet_rid = id;
  }
  void end(std::string_view) override {}
  std::optional<std::string> first_sheet_rid;
};

// xl/_rels/workbook.xml.rels: the target of relationship `wanted` (the first sheet's; the last
// such relationship wins, as a map of them all would have it) and the shared strings' target. Nothing
// else is kept, however many relationships the part lists.
class RelsReader final : public PartReader {
 public:
  explicit RelsReader(std::optional<std::string> wanted) : wanted_(std::move(wanted)) {}
  void start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const XML_Char* id = attribute(attrs, "Id");
    const XML_Char* type = attribute(attrs, "Type");
    const XML_Char* target = attribute(attrs, "Target");
    if (!id || !target) return;
    if (wanted_ && *wanted_ == id) wanted_target = target;
    if (type && std::string_view(type).ends_with("/sharedStrings")) shared_strings = target;
  }
  void end(std::string_view) override {}
  std::optional<std::string> wanted_target;
  std::optional<std::string> shared_strings;

 private:
  std::optional<std::string> wanted_;
};

// A relationship target of the workbook part as a zip entry name: relative to xl/, or absolute
// ("/xl/worksheets/sheet1.xml"); "." and ".." segments resolved.
std::string resolve_target(std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1)) : "xl/" + std::string(target);
  std::vector<std::string> segs;
  size_t at = 0;
  while (at <= joined.size()) {
    size_t slash = joined.find('/', at);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(at, slash - at);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(std::move(seg));
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& s : segs) out += (out.empty() ? "" : "/") + s;
  return out;
}

// xl/sharedStrings.xml: the text of each <si>, rich-text runs (<r><t>) concatenated, phonetic
// guides (<rPh>) left out. A text is kept to kMaxCellBytes + 1 bytes: longer is too long wherever a
// cell uses it, which the sheet reader tells by that size. More than kMaxSharedStrings entries is a
// refusal.
class SharedStringsReader final : public PartReader {
 public:
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      if (strings.size() >= kMaxSharedStrings) {
        refusal = Error::invalid_field(
            "file",
            fmt::format("工作簿的共享字符串过多（最多 {} 个），请只保留统计表后重新上传", kMaxSharedStrings));
        return;
      }
      in_si_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      strings.emplace_back(current_);  // a copy: exactly its size, not the buffer's capacity
      current_.clear();
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "t") {
      in_t_ = false;
    }
  }
  void text(std::string_view t) override {
    if (in_t_ && current_.size() <= kMaxCellBytes)
      current_ += t.substr(0, kMaxCellBytes + 1 - current_.size());
  }
  std::vector<std::string> strings;

 private:
  bool in_si_ = false, in_t_ = false;
  int phonetic_ = 0;
  std::string current_;
};

// A number as Excel writes it ("120", "12.5", "120.0", "1.2E2", "1.25E-2") as plain decimal text
// without exponent or trailing fractional zeros ("120", "12.5", "120", "120", "0.0125"), converted
// digit by digit so nothing is rounded. nullopt when `s` is not such a number or is absurdly large
// or small; the caller then keeps the text and validation rejects it.
std::optional<std::string> plain_decimal(std::string_view s) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  std::string digits;
  int int_digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++int_digits) digits += s[i];
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) digits += s[i];
  if (digits.empty()) return std::nullopt;
  int exponent = 0;
  if (i < s.size() && (s[i] == 'E' || s[i] == 'e')) {
    ++i;
    if (i < s.size() && s[i] == '+') ++i;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + s.size(), exponent);
    if (ec != std::errc() || p == s.data() + i) return std::nullopt;
    i = static_cast<size_t>(p - s.data());
  }
  if (i != s.size() || exponent > 64 || exponent < -64) return std::nullopt;
  // value = 0.<digits> × 10^point
  int point = int_digits + exponent;
  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  digits.erase(0, lead);
  point -= static_cast<int>(lead);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty()) return std::string("0");
  std::string out = negative ? "-" : "";
  const int n = static_cast<int>(digits.size());
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= n) {
    out += digits + std::string(static_cast<size_t>(point - n), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }
  return out;
}

// Column 2 (zero-based) → "C".
std::string column_name(int col) {
  std::string out;
  for (int n = col + 1; n > 0; n = (n - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

// "C7" → column 2 (zero-based); nullopt without letters or past XFD.
std::optional<int> column_of(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > kMaxColumns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  return col - 1;
}

std::optional<int> non_negative_int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The worksheet: each <row> of <sheetData> as a StatisticsLine numbered by its row number, cells
// placed by their reference (a missing cell is an empty field; rows without r= follow the previous).
// Trailing blank cells are dropped, and a row of only blank cells is left out (parse_statistics_lines
// would skip it like a blank CSV line). Only columns A..H are kept; a non-blank cell further right
// makes the row kKeptColumns + 1 fields long (the last one "…"), which validation rejects. More than
// kMaxDataRows rows after the first, or a cell longer than kMaxCellBytes, is a refusal of the file.
class SheetReader final : public PartReader {
 public:
  explicit SheetReader(const std::vector<std::string>& shared) : shared_(shared) {}

  void start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      const XML_Char* r = attribute(attrs, "r");
      auto n = r ? non_negative_int(r) : std::optional<int>(row_ + 1);
      if (!n || *n < 1 || *n > kMaxRows) {
        error = fmt::format("行号“{}”无效", r ? r : "");
        return;
      }
      row_ = *n;
      fields_.clear();
      next_col_ = 0;
      beyond_ = false;
    } else if (name == "c") {
      const XML_Char* r = attribute(attrs, "r");
      auto col = r ? column_of(r) : std::optional<int>(next_col_);
      if (!col || *col >= kMaxColumns) {
        error = fmt::format("第 {} 行的单元格“{}”无效", row_, r ? r : "");
        return;
      }
      col_ = *col;
      const XML_Char* t = attribute(attrs, "t");
      type_ = t ? t : "n";
      value_.clear();
      inline_.clear();
      too_long_ = false;
    } else if (name == "v") {
      in_v_ = true;
    } else if (name == "is") {
      in_is_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_is_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }

  void end(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (!in_data_) {
      return;
    } else if (name == "v") {
      in_v_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c") {
      if (too_long_) return refuse_too_long();
      auto text = cell_text();
      if (!text) return;
      if (text->size() > kMaxCellBytes) return refuse_too_long();
      next_col_ = col_ + 1;
      if (col_ < kKeptColumns) {
        if (fields_.size() <= static_cast<size_t>(col_)) fields_.resize(static_cast<size_t>(col_) + 1);
        fields_[static_cast<size_t>(col_)] = std::move(*text);
      } else if (!blank(*text)) {
        beyond_ = true;
      }
    } else if (name == "row") {
      while (!fields_.empty() && blank(fields_.back())) fields_.pop_back();
      if (beyond_) {
        fields_.resize(kKeptColumns + 1);
        fields_.back() = "…";
      }
      if (fields_.empty()) return;
      if (lines.size() > kMaxDataRows) {  // the header and kMaxDataRows rows already read
        refusal = Error::invalid_field("file", fmt::format("行数过多（最多 {} 行）", kMaxDataRows));
        return;
      }
      // A vector of exactly this row's fields; fields_ keeps its (at most kKeptColumns + 1) slots.
      lines.push_back({row_, std::vector<std::string>(std::make_move_iterator(fields_.begin()),
                                                      std::make_move_iterator(fields_.end()))});
      fields_.clear();
    }
  }

  void text(std::string_view t) override {
    if (in_v_) append(value_, t);
    if (in_t_) append(inline_, t);
  }

  std::vector<StatisticsLine> lines;

 private:
  void append(std::string& to, std::string_view t) {
    if (to.size() + t.size() > kMaxCellBytes) {
      too_long_ = true;
      return;
    }
    to += t;
  }

  void refuse_too_long() {
    refusal = Error::invalid_field("file", fmt::format("第 {} 行的单元格 {}{} 内容过长（最多 {} 字节）", row_,
                                                       column_name(col_), row_, kMaxCellBytes));
  }

  std::optional<std::string> cell_text() {
    if (type_ == "s") {
      auto idx = non_negative_int(value_);
      if (!idx || static_cast<size_t>(*idx) >= shared_.size()) {
        error = fmt::format("第 {} 行引用了不存在的共享字符串", row_);
        return std::nullopt;
      }
      return shared_[static_cast<size_t>(*idx)];
    }
    if (type_ == "inlineStr") return inline_;
    if (type_ == "n") {
      if (auto plain = plain_decimal(value_)) return plain;
      return value_;
    }
    if (type_ == "b")
      return value_ == "1" ? std::string("TRUE") : value_ == "0" ? std::string("FALSE") : value_;
    return value_;  // str (a formula's text result), e (#N/A …), d (ISO date): as written
  }

  const std::vector<std::string>& shared_;
  bool in_data_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  bool too_long_ = false;  // the current cell's text passed kMaxCellBytes
  bool beyond_ = false;    // the current row has a non-blank cell right of column kKeptColumns
  int phonetic_ = 0;
  int row_ = 0, col_ = 0, next_col_ = 0;
  std::string type_, value_, inline_;
  std::vector<std::string> fields_;
};

bool is_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
         bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

}  // namespace

Result<ParsedStatistics> parse_statistics_xlsx(std::string_view bytes,
                                               const std::vector<accounts::Department>& departments) {
  if (!is_zip(bytes)) return std::unexpected(not_xlsx());
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return std::unexpected(not_xlsx());
  }
  zip_t* opened = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (!opened) {
    zip_source_free(src);  // only an archive that opened owns its source
    return std::unexpected(not_xlsx());
  }
  std::unique_ptr<zip_t, ZipDiscard> za(opened);

  // A zip without a workbook (a .docx, an archive of CSV files) is not a spreadsheet.
  if (!has_part(za.get(), kWorkbookPart))
    return std::unexpected(not_xlsx(fmt::format("缺少 {}", kWorkbookPart)));
  WorkbookReader workbook;
  if (Status st = read_part(za.get(), kWorkbookPart, workbook); !st) return std::unexpected(st.error());
  RelsReader rels(workbook.first_sheet_rid);
  if (has_part(za.get(), kWorkbookRelsPart)) {
    if (Status st = read_part(za.get(), kWorkbookRelsPart, rels); !st) return std::unexpected(st.error());
  }

  std::string sheet_part(kDefaultSheetPart);
  if (rels.wanted_target) {
    std::string resolved = resolve_target(*rels.wanted_target);
    if (has_part(za.get(), resolved)) sheet_part = std::move(resolved);
  }
  if (!has_part(za.get(), sheet_part)) return std::unexpected(not_xlsx("找不到第一张工作表"));

  SharedStringsReader shared;
  const std::string shared_part =
      rels.shared_strings ? resolve_target(*rels.shared_strings) : std::string(kDefaultSharedStringsPart);
  if (has_part(za.get(), shared_part)) {
    if (Status st = read_part(za.get(), shared_part, shared); !st) return std::unexpected(st.error());
  }

  SheetReader sheet(shared.strings);
  if (Status st = read_part(za.get(), sheet_part, sheet); !st) return std::unexpected(st.error());
  return parse_statistics_lines(sheet.lines, departments);
}

Result<ParsedStatistics> parse_statistics_file(std::string_view bytes,
                                               const std::vector<accounts::Department>& departments) {
  if (is_zip(bytes)) return parse_statistics_xlsx(bytes, departments);
  // The OLE compound file of Excel 97–2003 (.xls) and of password-protected workbooks.
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
    return std::unexpected(Error::invalid_field(
        "file", "不支持旧版 Excel（.xls）或加密的工作簿，请另存为 .xlsx 或 CSV（UTF-8）后重新上传"));
  }
  return parse_statistics_csv(bytes, departments);
}

}  // namespace gk::report
