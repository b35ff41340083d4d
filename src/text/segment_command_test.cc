// run_segment_lines: `gongkai text segment` output format.
#include "text/segment_command.h"

#include <gtest/gtest.h>

#include <sstream>

namespace gk::text {
namespace {

std::shared_ptr<const Segmenter> segmenter() {
  static auto s = *Segmenter::create();
  return s;
}

TEST(SegmentCommandTest, PrintsOneLinePerInputLineWithoutWhitespaceTokens) {
  std::istringstream in("我来到北京清华大学\n\niPhone 15  Pro\t售价\r\n政务公开");
  std::ostringstream out;
  EXPECT_EQ(run_segment_lines(in, out, *segmenter(), SegmentMode::kDefault, true), 0);
  EXPECT_EQ(out.str(), "我 来到 北京 清华大学\n\niPhone 15 Pro 售价\n政务 公开\n");
}

TEST(SegmentCommandTest, SearchModeAndNoHmm) {
  std::istringstream in("他来到了网易杭研大厦\n中华人民共和国\n");
  std::ostringstream out;
  EXPECT_EQ(run_segment_lines(in, out, *segmenter(), SegmentMode::kSearch, false), 0);
  EXPECT_EQ(out.str(), "他 来到 了 网易 杭 研 大厦\n中华 华人 人民 共和 共和国 中华人民共和国\n");
}

TEST(SegmentCommandTest, HandlesInputLargerThanTheOutputBuffer) {
  std::string line = "根据《中华人民共和国政府信息公开条例》第三十三条规定";
  std::string input;
  for (int i = 0; i < 5000; ++i) input += line + "\n";
  std::istringstream in(input);
  std::ostringstream out;
  EXPECT_EQ(run_segment_lines(in, out, *segmenter(), SegmentMode::kDefault, true), 0);
  std::string expected_line = "根据 《 中华人民共和国政府 信息 公开 条例 》 第三十三条 规定\n";
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += expected_line;
  EXPECT_EQ(out.str(), expected);
}

TEST(SegmentCommandTest, ReportsAFailedOutputStream) {
  std::istringstream in("政务公开\n");
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  EXPECT_EQ(run_segment_lines(in, out, *segmenter(), SegmentMode::kDefault, true), 1);
}

}  // namespace
}  // namespace gk::text
