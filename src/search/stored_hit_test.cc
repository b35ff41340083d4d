#include "search/stored_hit.h"

#include <gtest/gtest.h>

namespace gk::search {
namespace {

TEST(StoredHitTest, RoundTripsEveryField) {
  StoredHit hit;
  hit.kind = "document";
  hit.id = "123";
  hit.title = "关于印发《政府信息公开指南》的通知";
  hit.url = "/documents/123";
  hit.doc_number = "东政办发〔2021〕12号";
  hit.department_name = "市财政局";
  hit.validity = "in_force";
  hit.validity_label = "有效";
  hit.body = std::string(5000, 'x') + "正文";
  for (const std::optional<Date> date :
       {std::optional<Date>(), Date::from_ymd(2021, 3, 1), Date::from_ymd(1949, 10, 1),
        std::optional<Date>(Date::from_days(0))}) {
    hit.date = date;
    EXPECT_EQ(decode_stored_hit(encode_stored_hit(hit)), hit);
  }
}

TEST(StoredHitTest, RejectsDataOfAnotherFormat) {
  EXPECT_FALSE(decode_stored_hit(""));
  EXPECT_FALSE(decode_stored_hit("\x02whatever"));
  std::string data = encode_stored_hit(StoredHit{.kind = "document", .id = "1"});
  EXPECT_TRUE(decode_stored_hit(data));
  EXPECT_FALSE(decode_stored_hit(data.substr(0, data.size() - 1)));
  EXPECT_FALSE(decode_stored_hit(data + "x"));
}

}  // namespace
}  // namespace gk::search
