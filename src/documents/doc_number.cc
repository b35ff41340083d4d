#include "documents/doc_number.h"

#include <array>
#include <optional>

#include "core/utf8.h"

namespace gk::documents {
namespace {

// After cleaning, every bracket variety is one of these two.
constexpr char32_t kOpen = U'〔';
constexpr char32_t kClose = U'〕';

// Serial bound: eight digits is far beyond any real register and keeps int arithmetic safe.
constexpr int kMaxSerial = 99'999'999;

constexpr std::string_view kExample = "，应写作如“东政办发〔2024〕5号”";

Error field_error(std::string message) {
  return Error::invalid_field(std::string(kDocNumberField), std::move(message));
}

// Decodes UTF-8 that is_valid_utf8() accepted.
std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

// White space of any kind, and characters that render as nothing; both are dropped everywhere.
constexpr std::u32string_view kDropped =
    U"\t\n\v\f\r \u00A0\u00AD\u1680\u180E\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    U"\u200A\u200B\u200C\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF";
constexpr std::u32string_view kOpenBrackets = U"([〔【〖﹝〘";  // full-width （［ are folded to ASCII first
constexpr std::u32string_view kCloseBrackets = U")]〕】〗﹞〙";
// Between the numbers of a compound 文号.
constexpr std::u32string_view kSeparators = U"、,;/和及与";

bool is_one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Drops white space and invisibles, folds full-width ASCII (digits, letters, colon, brackets) to
// ASCII, and maps every bracket to 〔 or 〕.
std::u32string clean(std::u32string_view in) {
  std::u32string out;
  out.reserve(in.size());
  for (char32_t c : in) {
    if (is_one_of(c, kDropped)) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width forms of ASCII
    if (is_one_of(c, kOpenBrackets)) c = kOpen;
    if (is_one_of(c, kCloseBrackets)) c = kClose;
    out.push_back(c);
  }
  // Empty bracket pairs carry nothing (unfilled template residue such as "…48号〔〕").
  for (size_t p; (p = out.find(U"〔〕")) != std::u32string::npos;) out.erase(p, 2);
  return out;
}

// Labels that precede the number on pages and forms.
void strip_label(std::u32string& s) {
  static constexpr std::array<std::u32string_view, 4> kLabels = {U"发文字号", U"发文文号", U"发文号",
                                                                 U"文号"};
  for (auto label : kLabels) {
    if (s.starts_with(label)) {
      s.erase(0, label.size());
      if (!s.empty() && s.front() == U':') s.erase(0, 1);
      return;
    }
  }
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool is_issuer_char(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == U'〇' || c == U'、' || c == U'·' || c == U'・' ||
         (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

// Value of a Chinese numeral digit or unit, or nullopt.
std::optional<int> chinese_digit(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return std::nullopt;
  }
}

std::optional<int> chinese_unit(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return std::nullopt;
  }
}

bool is_chinese_numeral(char32_t c) { return chinese_digit(c) || chinese_unit(c); }

// 七十三 → 73, 一百零五 → 105, 十二 → 12, 二〇五 → 205 (digit by digit when there is no unit).
std::optional<int> chinese_number(std::u32string_view s) {
  if (s.empty() || s.size() > 8) return std::nullopt;
  bool has_unit = false;
  for (char32_t c : s) has_unit |= chinese_unit(c).has_value();
  int total = 0;
  if (!has_unit) {
    for (char32_t c : s) total = total * 10 + *chinese_digit(c);
    return total;
  }
  int pending = -1;
  int last_unit = 100000;
  for (char32_t c : s) {
    if (auto d = chinese_digit(c)) {
      pending = *d;
    } else {
      const int unit = *chinese_unit(c);
      if (unit >= last_unit) return std::nullopt;  // 十百, 百百: not a number
      total += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
      last_unit = unit;
    }
  }
  if (pending > 0) total += pending;
  return total;
}

// Parses ASCII digits; leading zeros allowed. nullopt if empty or out of range.
std::optional<int> parse_int(std::u32string_view digits, int max) {
  while (digits.size() > 1 && digits.front() == U'0') digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  int v = 0;
  for (char32_t c : digits) v = v * 10 + static_cast<int>(c - U'0');
  if (v > max) return std::nullopt;
  return v;
}

struct Cursor {
  std::u32string_view s;
  size_t i = 0;
  bool at_end() const { return i >= s.size(); }
  char32_t peek() const { return at_end() ? 0 : s[i]; }
  bool eat(char32_t c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  std::u32string_view digits() {
    const size_t start = i;
    while (!at_end() && is_digit(s[i])) ++i;
    return s.substr(start, i - start);
  }
};

Status check_issuer(std::u32string_view issuer) {
  if (issuer.empty()) return fail(field_error(std::string("文号缺少发文机关代字") + std::string(kExample)));
  // A title glued in front ("关于印发…的通知沪府发〔2019〕1号"): 《党政机关公文格式》 titles are
  // 发文机关 + 关于 + 事由 + 的 + 文种, and no organ's name or 代字 contains these words.
  for (std::u32string_view word : {std::u32string_view(U"关于"), std::u32string_view(U"的"),
                                   std::u32string_view(U"通知"), std::u32string_view(U"批复")}) {
    if (issuer.find(word) != std::u32string_view::npos) {
      return fail(field_error("文号前混入了标题文字“" + encode_utf8(word) +
                              "”，请只填写文号，如“东政办发〔2024〕5号”"));
    }
  }
  for (char32_t c : issuer) {
    if (!is_issuer_char(c)) {
      std::string ch;
      append_utf8(ch, c);
      return fail(field_error("文号的发文机关代字中有无法识别的字符“" + ch + "”"));
    }
  }
  return ok();
}

Result<int> check_year(std::u32string_view digits) {
  if (digits.size() != 4) return fail(field_error("文号年份应为四位数字，如“〔2024〕”"));
  const int year = *parse_int(digits, 9999);
  if (year < kMinDocNumberYear || year > kMaxDocNumberYear) {
    return fail(field_error("文号年份须在" + std::to_string(kMinDocNumberYear) + "年至" +
                            std::to_string(kMaxDocNumberYear) + "年之间"));
  }
  return year;
}

Result<int> check_serial(std::optional<int> serial) {
  if (!serial || *serial < 1) {
    return fail(field_error("文号序号应为1至" + std::to_string(kMaxSerial) + "之间的整数"));
  }
  return *serial;
}

// Reads the serial after the year: [第] digits [号], or 号 digits (晋政发〔2014〕号16).
Result<int> read_serial(Cursor& c) {
  c.eat(U'第');
  auto digits = c.digits();
  if (!digits.empty()) {
    c.eat(U'号');
    return check_serial(parse_int(digits, kMaxSerial));
  }
  if (c.peek() == U'号') {
    Cursor probe = c;
    probe.eat(U'号');
    auto after = probe.digits();
    if (!after.empty()) {
      c = probe;
      return check_serial(parse_int(after, kMaxSerial));
    }
  }
  return fail(field_error(std::string("文号缺少序号") + std::string(kExample)));
}

// Parses one number starting at c.i; leaves c after it.
Result<DocNumber> parse_one(Cursor& c) {
  const size_t start = c.i;
  // The issuer code runs to the first digit or bracket, or to a 第<Chinese numerals>号 serial.
  std::optional<size_t> chinese_serial_at;
  while (!c.at_end() && !is_digit(c.peek()) && c.peek() != kOpen && c.peek() != kClose) {
    if (c.peek() == U'第') {
      size_t j = c.i + 1;
      while (j < c.s.size() && is_chinese_numeral(c.s[j])) ++j;
      if (j > c.i + 1 && j < c.s.size() && c.s[j] == U'号') {
        chinese_serial_at = c.i;
        break;
      }
    }
    ++c.i;
  }
  std::u32string_view issuer = c.s.substr(start, c.i - start);
  DocNumber n;

  if (chinese_serial_at) {  // 主席令第七十三号
    GK_TRY_STATUS(check_issuer(issuer));
    c.eat(U'第');
    const size_t numeral_start = c.i;
    while (is_chinese_numeral(c.peek())) ++c.i;
    GK_TRY_ASSIGN(serial, check_serial(chinese_number(c.s.substr(numeral_start, c.i - numeral_start))));
    c.eat(U'号');
    n.serial = serial;
  } else if (c.eat(kOpen)) {  // 国发〔2021〕5号
    GK_TRY_STATUS(check_issuer(issuer));
    GK_TRY_ASSIGN(year, check_year(c.digits()));
    c.eat(U'年');
    if (!c.eat(kClose)) return fail(field_error("文号年份后缺少右括号“〕”"));
    GK_TRY_ASSIGN(serial, read_serial(c));
    n.year = year;
    n.serial = serial;
  } else if (is_digit(c.peek())) {
    auto digits = c.digits();
    if (c.eat(U'年')) {  // 浙政发2021年5号, 国家税务总局公告2015年第41号
      GK_TRY_STATUS(check_issuer(issuer));
      GK_TRY_ASSIGN(year, check_year(digits));
      GK_TRY_ASSIGN(serial, read_serial(c));
      n.year = year;
      n.serial = serial;
    } else if (issuer.ends_with(U'第')) {  // 山西省人民政府令第304号
      issuer.remove_suffix(1);
      GK_TRY_STATUS(check_issuer(issuer));
      GK_TRY_ASSIGN(serial, check_serial(parse_int(digits, kMaxSerial)));
      c.eat(U'号');
      n.serial = serial;
    } else {
      GK_TRY_STATUS(check_issuer(issuer));
      return fail(field_error("无法区分文号中的年份和序号，年份请用六角括号括起，如“东政办发〔2024〕5号”"));
    }
  } else if (c.peek() == kClose) {
    return fail(field_error("文号的括号不成对，应写作如“东政办发〔2024〕5号”"));
  } else {
    GK_TRY_STATUS(check_issuer(issuer));
    return fail(field_error(std::string("文号缺少年份和序号") + std::string(kExample)));
  }
  n.issuer_code = encode_utf8(issuer);
  return n;
}

}  // namespace

std::string DocNumber::normalized() const {
  if (!has_year()) return issuer_code + "第" + std::to_string(serial) + "号";
  return issuer_code + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

std::string DocNumber::uniqueness_key() const {
  return issuer_code + "|" + std::to_string(year) + "|" + std::to_string(serial);
}

bool same_number(const DocNumber& a, const DocNumber& b) { return a.normalized() == b.normalized(); }

Result<std::vector<DocNumber>> parse_doc_numbers(std::string_view raw) {
  if (!is_valid_utf8(raw)) return fail(field_error("文号含有无效的字符编码"));
  std::u32string text = decode_utf8(raw);
  if (text.size() > kMaxDocNumberLength) return fail(field_error("文号过长"));
  text = clean(text);
  strip_label(text);
  if (text.empty()) return fail(field_error("请填写文号"));

  std::vector<DocNumber> numbers;
  Cursor c{text};
  while (true) {
    auto n = parse_one(c);
    if (!n) {
      if (numbers.empty()) return fail(n.error());
      return fail(
          field_error("第" + std::to_string(numbers.size() + 1) + "个文号无法识别：" + n.error().message()));
    }
    numbers.push_back(std::move(*n));
    if (c.at_end()) break;
    if (!is_one_of(c.peek(), kSeparators)) {
      return fail(field_error("文号末尾有无法识别的内容“" + encode_utf8(c.s.substr(c.i)) + "”"));
    }
    while (!c.at_end() && is_one_of(c.peek(), kSeparators)) ++c.i;
    if (c.at_end()) break;  // a trailing separator ("国发〔2021〕1号、") is noise
  }
  return numbers;
}

Result<DocNumber> parse_doc_number(std::string_view raw) {
  GK_TRY_ASSIGN(numbers, parse_doc_numbers(raw));
  return std::move(numbers.front());
}

}  // namespace gk::documents
