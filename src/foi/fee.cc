#include "foi/fee.h"

#include <algorithm>

namespace gk::foi {
namespace {

constexpr int64_t kMaxUnits = 1'000'000;

struct Band {
  int64_t from, to;  // to = 0: open-ended
  int64_t rate;
};

// 国办函〔2020〕109号 Art. 5.
constexpr Band kPageBands[] = {{1, 30, 0}, {31, 100, 10}, {101, 200, 20}, {201, 0, 40}};

// 国办函〔2020〕109号 Art. 4: band of request k.
Band request_band(int64_t k) {
  if (k <= 10) return {1, 10, 0};
  if (k <= 30) return {11, 30, 100};
  const int64_t step = (k - 31) / 10;  // 0 for 31–40
  return {31 + step * 10, 40 + step * 10, 200 + step * 100};
}

void add_units(std::vector<FeeTier>& tiers, const Band& b, int64_t first, int64_t last) {
  if (last < first) return;
  FeeTier t;
  t.from = first;
  t.to = last;
  t.units = last - first + 1;
  t.rate_yuan = b.rate;
  t.amount_yuan = t.units * b.rate;
  tiers.push_back(t);
}

Result<Fee> requests_fee(int64_t first, int64_t last) {
  Fee fee;
  fee.method = FeeMethod::kPerRequest;
  fee.units = last - first + 1;
  for (int64_t k = first; k <= last;) {
    const Band b = request_band(k);
    const int64_t end = std::min(last, b.to);
    add_units(fee.tiers, b, k, end);
    k = end + 1;
  }
  for (const auto& t : fee.tiers) fee.total_yuan += t.amount_yuan;
  return fee;
}

}  // namespace

std::string_view fee_method_key(FeeMethod m) { return m == FeeMethod::kPerRequest ? "per_request" : "per_page"; }

std::optional<FeeMethod> parse_fee_method(std::string_view key) {
  if (key == "per_request") return FeeMethod::kPerRequest;
  if (key == "per_page") return FeeMethod::kPerPage;
  return std::nullopt;
}

Result<Fee> compute_fee(FeeMethod method, int64_t units) {
  const char* field = method == FeeMethod::kPerRequest ? "count" : "pages";
  if (units < 0) return fail(Error::invalid_field(field, "数量不能为负数"));
  if (units > kMaxUnits) return fail(Error::invalid_field(field, "数量过大"));
  if (method == FeeMethod::kPerRequest) {
    if (units == 0) return Fee{method, 0, 0, {}};
    return requests_fee(1, units);
  }
  Fee fee;
  fee.method = method;
  fee.units = units;
  for (const auto& b : kPageBands) {
    const int64_t end = b.to == 0 ? units : std::min(units, b.to);
    add_units(fee.tiers, b, b.from, end);
  }
  for (const auto& t : fee.tiers) fee.total_yuan += t.amount_yuan;
  return fee;
}

Result<Fee> compute_marginal_fee(int64_t already, int64_t more) {
  if (already < 0) return fail(Error::invalid_field("count", "数量不能为负数"));
  if (more < 0) return fail(Error::invalid_field("count", "数量不能为负数"));
  if (already + more > kMaxUnits) return fail(Error::invalid_field("count", "数量过大"));
  if (more == 0) return Fee{FeeMethod::kPerRequest, 0, 0, {}};
  return requests_fee(already + 1, already + more);
}

}  // namespace gk::foi
