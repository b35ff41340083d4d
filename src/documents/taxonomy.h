// Classification vocabularies of the disclosure catalogue: 主题分类 (topic), 体裁 (genre), the
// disclosure mode (公开方式) and the items of 条例 Art. 20 that the statutory column is divided into.
// Keys are stable English strings (persisted); labels are what pages show. Pure data; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace gk::documents {

struct Term {
  std::string_view key;
  std::string_view label;
};

// 主题分类, after the State Council's catalogue topics used by government portals.
std::span<const Term> topics();
// 体裁 (document genre).
std::span<const Term> genres();
// 《政府信息公开条例》第二十条 (一)–(十五): one sub-column of 法定主动公开内容 per item.
std::span<const Term> article20_items();

// The label of `key` in `terms`, or nullopt when the key is unknown.
std::optional<std::string_view> label_of(std::span<const Term> terms, std::string_view key);
bool is_known(std::span<const Term> terms, std::string_view key);

enum class DisclosureMode { kProactive, kOnRequest, kNotDisclosed };  // 主动公开 / 依申请公开 / 不予公开
std::string_view disclosure_mode_name(DisclosureMode m);             // "proactive", "on_request", "not_disclosed"
std::string_view disclosure_mode_label(DisclosureMode m);
std::optional<DisclosureMode> parse_disclosure_mode(std::string_view s);

}  // namespace gk::documents
