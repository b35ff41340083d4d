#include "documents/html_sanitizer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace gk::documents {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// What sanitised output must never contain, whatever went in.
void ExpectInert(const std::string& html) {
  const std::string l = lower(html);
  EXPECT_EQ(l.find("<script"), std::string::npos) << html;
  EXPECT_EQ(l.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(l.find("vbscript:"), std::string::npos) << html;
  EXPECT_EQ(l.find("expression("), std::string::npos) << html;
  EXPECT_EQ(l.find("<iframe"), std::string::npos) << html;
  EXPECT_EQ(l.find("<svg"), std::string::npos) << html;
  for (const char* handler : {" onerror", " onload", " onclick", " onmouseover", " onbegin", " onfocus"}) {
    EXPECT_EQ(l.find(handler), std::string::npos) << html;
  }
}

std::string SanitizeOrDie(std::string_view in) {
  auto r = sanitize_html(in);
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return r ? r->html : std::string();
}

bool Removed(const SanitizeResult& r, std::string_view what) {
  return std::find(r.removed.begin(), r.removed.end(), what) != r.removed.end();
}

struct XssCase {
  std::string_view name;
  std::string_view input;
  std::string_view sanitized;    // exact output of sanitize_html
  std::string_view check_names;  // part of check_body_html's message; "" = the check passes
};

void PrintTo(const XssCase& c, std::ostream* os) { *os << c.name; }

const XssCase kXss[] = {
    {"ScriptElement", "<p>通知</p><script>alert(1)</script>", "<p>通知</p>", "<script> 脚本"},
    {"ScriptUpperCaseWithSrc", "<SCRIPT type=\"text/javascript\" SRC=\"//evil.example/x.js\"></SCRIPT>正文",
     "正文", "<script> 脚本"},
    {"ImgOnerror", "<img src=x onerror=alert(1)>", "<img src=\"x\">", "onerror 事件属性"},
    {"UpperCaseHandler", "<p ONCLICK=\"alert(1)\">文</p>", "<p>文</p>", "onclick 事件属性"},
    {"SvgOnload", "<svg onload=alert(1)><circle r=1 /></svg>正文", "正文", "onload 事件属性"},
    {"SvgScript", "<svg><script>alert(1)</script></svg>", "", "<script> 脚本"},
    {"SvgAnimateValues",
     "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text>x</text></a></svg>", "",
     "values 属性中的 javascript:/data: 链接"},
    {"MathXlinkHref",
     "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>", "",
     "javascript: 链接"},
    {"JavascriptDecimalEntities",
     "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">点击</a>", "点击",
     "javascript: 链接"},
    {"JavascriptHexEntityMixedCase", "<a href=\"JaVaScRiPt&#x3A;alert(1)\">x</a>", "x", "javascript: 链接"},
    {"JavascriptNamedColon", "<a href=\"javascript&colon;alert(1)\">x</a>", "x", "javascript: 链接"},
    {"JavascriptTabInside", "<a href=\" \tjava&#x09;script:alert(1)\">x</a>", "x", "javascript: 链接"},
    {"JavascriptNewlineInside", "<a href=\"java\nscript:alert(1)\">x</a>", "x", "javascript: 链接"},
    {"JavascriptLeadingControl", "<a href=\"&#x01;javascript:alert(1)\">x</a>", "x", "javascript: 链接"},
    {"VbscriptUrl", "<a href=\"vbscript:msgbox(1)\">x</a>", "x", "vbscript: 链接"},
    {"DataUrlLink", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "x",
     "data: 链接"},
    {"DataUrlImage", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "", "data: 链接"},
    {"StyleExpression", "<p style=\"width:expression(alert(1))\">文字</p>", "<p>文字</p>",
     "style 属性中的脚本"},
    {"StyleExpressionHiddenByComment", "<p style=\"xss:ex/**/pression(alert(1))\">文字</p>", "<p>文字</p>",
     "style 属性中的脚本"},
    {"StyleExpressionHiddenByEscape", "<p style=\"xss:\\65xpression(alert(1))\">文字</p>", "<p>文字</p>",
     "style 属性中的脚本"},
    {"StyleJavascriptUrl", "<div style=\"background:url('javascript:alert(1)')\">x</div>", "<div>x</div>",
     "style 属性中的脚本"},
    {"FormActionJavascript", "<form action=\"javascript:alert(1)\"><input type=submit value=提交></form>", "",
     "javascript: 链接"},
    {"BaseHref", "<base href=\"javascript:alert(1)//\">", "", "javascript: 链接"},
    {"MetaRefresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", "", "自动跳转"},
    {"Iframe", "<iframe src=\"https://evil.example/\"></iframe>正文", "正文", "<iframe> 嵌入内容"},
    {"ObjectAndEmbed", "<object data=\"x.swf\"><embed src=\"x.swf\"></object>", "",
     "<object> 嵌入内容、<embed> 嵌入内容"},
    // A comment that only seems to end: "<!-->" is a whole comment, so the script is live.
    {"CommentBreakout", "<!--><script>alert(1)</script>-->", "--&gt;", "<script> 脚本"},
    // A script inside a real comment is inert: cleaned silently.
    {"ScriptInsideComment", "<!-- <script>alert(1)</script> -->正文", "正文", ""},
    {"ConditionalComment", "<!--[if IE]><script>alert(1)</script><![endif]-->正文", "正文", ""},
    // Broken and nested tags: what a browser would parse, no more.
    {"TagInsideTagName", "<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)", ""},
    {"DoubleOpenBracket", "<<script>alert(1)//<</script>", "&lt;", "<script> 脚本"},
    {"AttributeCannotBreakOut", "<img src=\"x\" alt='\"><script>alert(1)</script>'>",
     "<img src=\"x\" alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">", ""},
    {"NoscriptParserDifferential", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "",
     "<noscript> 元素"},
    {"UnclosedScriptSwallowsRest", "<p>正文</p><script>alert(1)", "<p>正文</p>", "<script> 脚本"},
};

class SanitizerXssTest : public testing::TestWithParam<XssCase> {};

TEST_P(SanitizerXssTest, SanitizedOutputIsExactAndInert) {
  const XssCase& c = GetParam();
  const std::string out = SanitizeOrDie(c.input);
  EXPECT_EQ(out, c.sanitized);
  ExpectInert(out);
}

TEST_P(SanitizerXssTest, CheckRejectsScriptWithABodyFieldError) {
  const XssCase& c = GetParam();
  Status s = check_body_html(c.input);
  if (c.check_names.empty()) {
    EXPECT_TRUE(s.has_value()) << s.error().to_string();
    return;
  }
  ASSERT_FALSE(s.has_value()) << c.input;
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].field, "body");
  EXPECT_NE(s.error().fields()[0].message.find(c.check_names), std::string::npos)
      << s.error().fields()[0].message;
}

TEST_P(SanitizerXssTest, SanitizingTwiceChangesNothing) {
  const std::string once = SanitizeOrDie(GetParam().input);
  auto twice = sanitize_html(once);
  ASSERT_TRUE(twice.has_value());
  EXPECT_EQ(twice->html, once);
  EXPECT_TRUE(twice->removed.empty());
  EXPECT_TRUE(check_body_html(once).has_value());
}

INSTANTIATE_TEST_SUITE_P(Vectors, SanitizerXssTest, testing::ValuesIn(kXss),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SanitizerTest, RemovedListsEachKindOnceInOrder) {
  auto r = sanitize_html("<p onclick=a class=x>1</p><p onclick=b class=y>2</p><script>s</script><!--c-->");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, "<p>1</p><p>2</p>");
  EXPECT_EQ(r->removed,
            (std::vector<std::string>{"onclick attribute", "class attribute", "<script>", "comment"}));
}

TEST(SanitizerTest, CheckNamesEveryOffendingKind) {
  Status s = check_body_html("<script>x</script><img src=x onerror=y><a href=\"javascript:z\">a</a>");
  ASSERT_FALSE(s.has_value());
  const std::string& m = s.error().fields()[0].message;
  EXPECT_NE(m.find("<script> 脚本"), std::string::npos) << m;
  EXPECT_NE(m.find("onerror 事件属性"), std::string::npos) << m;
  EXPECT_NE(m.find("javascript: 链接"), std::string::npos) << m;
}

// A paste from Word (clipboard HTML as Word 2016 writes it, shortened).
constexpr std::string_view kWordPaste =
    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8>"
    "<style>p.MsoNormal{margin:0cm}</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>"
    "</w:WordDocument></xml><![endif]--></head><body lang=ZH-CN "
    "style='tab-interval:21.0pt'><!--StartFragment-->"
    "<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;"
    "font-family:方正小标宋简体'>东阳市人民政府办公室关于印发<span "
    "lang=EN-US>2024</span>年政务公开工作要点的通知"
    "<o:p></o:p></span></b></p>\n"
    "<p class=MsoNormal style='text-indent:32.0pt'><span "
    "style='font-family:仿宋_GB2312'>各镇人民政府、街道办事处："
    "<o:p></o:p></span></p>\n"
    "<p class=MsoNormal align=right style='text-align:right'><span>东阳市人民政府办公室<o:p></o:p></span></p>"
    "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    "<img width=553 height=312 "
    "src=\"file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png\" "
    "v:shapes=\"图片_x0020_1\"><!--EndFragment--></body></html>";

TEST(SanitizerTest, WordPasteKeepsStructureAndAlignmentOnly) {
  auto r = sanitize_html(kWordPaste);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html,
            "<p style=\"text-align:center\"><b><span>东阳市人民政府办公室关于印发<span>2024</span>"
            "年政务公开工作要点的通知</span></b></p>\n"
            "<p><span>各镇人民政府、街道办事处：</span></p>\n"
            "<p style=\"text-align:right\"><span>东阳市人民政府办公室</span></p><p>\xC2\xA0</p>");
  for (std::string_view what :
       {"<meta>", "<style>", "comment", "class attribute", "style attribute", "lang attribute",
        "<o:p> tag (text kept)", "file: URL", "<img> without an allowed src"}) {
    EXPECT_TRUE(Removed(*r, what)) << what;
  }
  EXPECT_TRUE(check_body_html(kWordPaste).has_value()) << "Word junk is cleaned silently, not refused";
}

TEST(SanitizerTest, WordTableKeepsCellsAndSpans) {
  EXPECT_EQ(SanitizeOrDie("<table border=1 cellspacing=0 class=MsoTableGrid><tr><td width=100 valign=top "
                          "style=\"border:solid windowtext 1.0pt\"><p class=MsoNormal>序号</p></td>"
                          "<td colspan=2 rowspan=\"x\">事项</td></tr></table>"),
            "<table><tbody><tr><td><p>序号</p></td><td colspan=\"2\">事项</td></tr></tbody></table>");
}

TEST(SanitizerTest, AllowedStructureRoundTripsUnchanged) {
  constexpr std::string_view kClean =
      "<h2>第一章 总则</h2><h3>第一节</h3><h4>一</h4><h5>1</h5><h6>(1)</h6>"
      "<p style=\"text-align:justify\">正文<strong>加粗</strong><b>粗</b><em>强调</em><i>斜</i><u>下划线</u>"
      "<s>删除</s>H<sub>2</sub>O m<sup>2</sup><br><span>行内</span><code>code</code></p>"
      "<ul><li>一</li><li style=\"text-align:center\">二</li></ul><ol><li>甲</li></ol>"
      "<blockquote>引文</blockquote><hr><pre>  预排\n  格式</pre><div>块</div>"
      "<table><caption>附表1</caption><thead><tr><th colspan=\"2\">标题</th></tr></thead>"
      "<tbody><tr><td rowspan=\"2\">1</td><td>2</td></tr></tbody></table>"
      "<p><a href=\"https://www.dongyang.gov.cn/art/2024/1/1/art_1.html\" title=\"东阳市人民政府\" "
      "rel=\"noopener\">链接</a><a href=\"/zwgk/index.html\" rel=\"noopener\">相对</a>"
      "<a href=\"mailto:zwgk@dongyang.gov.cn\" rel=\"noopener\">邮件</a><a href=\"#fj1\" "
      "rel=\"noopener\">锚点</a>"
      "<img src=\"https://www.dongyang.gov.cn/a.png\" alt=\"图\" title=\"图一\" width=\"553\" height=\"312\">"
      "<img src=\"/files/b.jpg\" alt=\"\"></p>";
  auto r = sanitize_html(kClean);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, kClean);
  EXPECT_TRUE(r->removed.empty()) << r->removed.front();
}

TEST(SanitizerTest, LinksGetNoopenerAndLoseTarget) {
  auto r = sanitize_html("<a href=\"  https://www.zj.gov.cn/  \" target=_blank rel=opener>浙江</a>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, "<a href=\"https://www.zj.gov.cn/\" rel=\"noopener\">浙江</a>");
  EXPECT_TRUE(Removed(*r, "target attribute"));
}

TEST(SanitizerTest, AnchorWithoutUsableHrefKeepsItsText) {
  EXPECT_EQ(SanitizeOrDie("<a name=\"_Toc1\">第一条</a><a href=\"ftp://x/y\">文件</a>"), "第一条文件");
}

TEST(SanitizerTest, OtherBlocksAreRenamedNotFlattened) {
  EXPECT_EQ(SanitizeOrDie("<h1>标题</h1><center>居中</center><section>节</section><p align=justify>两端</p>"
                          "<del>删</del><strike>划</strike><ins>增</ins><menu><li>项</li></menu>"),
            "<h2>标题</h2><div style=\"text-align:center\">居中</div><div>节</div>"
            "<p style=\"text-align:justify\">两端</p><s>删</s><s>划</s><u>增</u><ul><li>项</li></ul>");
}

TEST(SanitizerTest, UnknownElementsAreUnwrapped) {
  auto r = sanitize_html("<font face=宋体 color=red>字</font><w:sdt>域</w:sdt><marquee>滚动</marquee>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, "字域滚动");
  EXPECT_TRUE(Removed(*r, "<font> tag (text kept)"));
  EXPECT_TRUE(Removed(*r, "<w:sdt> tag (text kept)"));
}

TEST(SanitizerTest, StyleKeepsOnlyAValidTextAlign) {
  auto r = sanitize_html(
      "<p style=\"TEXT-ALIGN: Right; color:red\">右</p><p style=\"text-align:evil\">左</p>"
      "<span style=\"text-align:center\">行内</span>");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, "<p style=\"text-align:right\">右</p><p>左</p><span>行内</span>");
  EXPECT_TRUE(Removed(*r, "style attribute"));
}

TEST(SanitizerTest, OutputIsBalancedAndEscaped) {
  EXPECT_EQ(SanitizeOrDie("<p><b>粗体<i>斜体"), "<p><b>粗体<i>斜体</i></b></p>");
  EXPECT_EQ(SanitizeOrDie("<b>1<i>2</b>3</i>"), "<b>1<i>2</i></b><i>3</i>");
  EXPECT_EQ(SanitizeOrDie("<ul><li>一<li>二</ul>"), "<ul><li>一</li><li>二</li></ul>");
  EXPECT_EQ(SanitizeOrDie("a < b && c > d \"q\" 'r' &amp; &lt;"),
            "a &lt; b &amp;&amp; c &gt; d \"q\" 'r' &amp; &lt;");
  EXPECT_EQ(SanitizeOrDie("<a href='https://a.cn/?q=\"><script>&x=1'>x</a>"),
            "<a href=\"https://a.cn/?q=&quot;&gt;&lt;script&gt;&amp;x=1\" rel=\"noopener\">x</a>");
  EXPECT_EQ(SanitizeOrDie("<pre>\n\n第二行</pre>"), "<pre>\n\n第二行</pre>");
}

TEST(SanitizerTest, ChineseTextIsPreservedByteForByte) {
  constexpr std::string_view kText =
      "中华人民共和国政府信息公开条例（2019年修订）第二十条：行政机关应当依照本条例第十九条的规定……"
      "「引号」『书名』〔2024〕　全角空格，ＡＢＣ１２３，𠀀𪚥（扩展B区），臺灣繁體，emoji "
      "🙂";
  EXPECT_EQ(SanitizeOrDie(kText), kText);
  const std::string para = "<p>" + std::string(kText) + "</p>";
  EXPECT_EQ(SanitizeOrDie(para), para);
  EXPECT_EQ(html_to_text(para), kText);
}

TEST(SanitizerTest, EmptyInputIsEmptyOutput) {
  auto r = sanitize_html("");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->html, "");
  EXPECT_TRUE(check_body_html("").has_value());
}

TEST(SanitizerTest, InvalidUtf8IsAFieldError) {
  for (std::string_view bad : {std::string_view("<p>\xFF</p>"), std::string_view("\xE4\xB8")}) {
    auto r = sanitize_html(bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().fields()[0].field, "body");
    EXPECT_FALSE(check_body_html(bad).has_value());
  }
}

TEST(SanitizerTest, OversizedInputIsAFieldError) {
  const std::string big(kMaxBodyHtmlBytes + 1, 'a');
  auto r = sanitize_html(big);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields()[0].field, "body");
}

TEST(SanitizerTest, DeepNestingIsRefusedQuicklyAndWithoutCrashing) {
  std::string deep;
  for (int i = 0; i < 200'000; ++i) deep += "<div>";
  deep += "正文";
  // Parsing this would take minutes (the tree builder is quadratic in depth); the estimate refuses
  // it in milliseconds.
  auto r = sanitize_html(deep);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().fields()[0].message.find("嵌套过深"), std::string::npos);
  EXPECT_FALSE(check_body_html(deep).has_value());
  EXPECT_EQ(html_to_text(deep), "正文");  // search still sees the words
}

TEST(SanitizerTest, ModerateNestingIsFine) {
  std::string nested;
  for (int i = 0; i < 200; ++i) nested += "<div>";
  nested += "正文";
  for (int i = 0; i < 200; ++i) nested += "</div>";
  EXPECT_EQ(SanitizeOrDie(nested), nested);
}

TEST(SanitizerTest, NestingHiddenFromTheEstimateIsStillCounted) {
  // Each of these tries to make the pre-parse estimate miss the <div>s a parser would open.
  for (std::string_view wrapper :
       {"<div title=\"</div>\">", "<div/>", "<!--x--!><div>", "<!--><div>", "<div><table></div>"}) {
    std::string s;
    for (int i = 0; i < 2'000; ++i) s += wrapper;
    auto r = sanitize_html(s);
    EXPECT_FALSE(r.has_value()) << wrapper;
  }
}

TEST(SanitizerTest, FormattingBombRunsOutOfBudgetNotMemory) {
  // Distinct <font>s left open when their paragraph closes are re-opened (cloned) in every later
  // paragraph by the HTML5 algorithm: 250 x 40,000 elements from 330 KB of input.
  std::string s = "<p>";
  for (int i = 0; i < 250; ++i) s += "<font color=\"#" + std::to_string(100000 + i) + "\">";
  s += "</p>";
  for (int i = 0; i < 40'000; ++i) s += "<p>x</p>";
  auto r = sanitize_html(s);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().fields()[0].message.find("过于复杂"), std::string::npos);
}

struct TextCase {
  std::string_view name;
  std::string_view html;
  std::string_view text;
};

void PrintTo(const TextCase& c, std::ostream* os) { *os << c.name; }

const TextCase kText[] = {
    {"ParagraphsAreLines", "<p>第一段</p><p>第二段</p>", "第一段\n第二段"},
    {"BrIsALineBreak", "<p>第一行<br>第二行</p>", "第一行\n第二行"},
    {"ListItemsAndHeadings", "<h2>标题</h2><ul><li>一</li><li>二</li></ul>", "标题\n一\n二"},
    {"CellsOfARowShareALine",
     "<table><tr><td>1</td><td>东阳市</td></tr><tr><td>2</td><td>金华市</td></tr></table>",
     "1 东阳市\n2 金华市"},
    {"InlineMarkupDoesNotBreak", "<p>政府<b>信息</b><span>公开</span></p>", "政府信息公开"},
    {"WhitespaceCollapses", "<p>  a \n\t b   c  </p>", "a b c"},
    {"LineBreakBetweenChineseDisappears", "<p>东阳市\n人民政府</p>", "东阳市人民政府"},
    {"LineBreakBetweenLatinIsASpace", "<p>open\ndata</p>", "open data"},
    {"SpaceBetweenChineseIsKept", "<p>第一条 总则</p>", "第一条 总则"},
    {"NbspIsASpace", "<p>东阳&nbsp;&nbsp;市</p>", "东阳 市"},
    {"EntitiesAreDecoded", "<p>a &lt; b &amp; &quot;c&quot; &#x4E1C;</p>", "a < b & \"c\" 东"},
    {"ScriptAndStyleGiveNoText", "<style>p{}</style><p>正文</p><script>var a='x'</script>", "正文"},
    {"CommentsGiveNoText", "<p>正<!-- 批注 -->文</p>", "正文"},
    {"PreKeepsSpacesAndLines", "<pre>a  b\n  c</pre>", "a  b\n  c"},
    {"NoEmptyLines", "<p></p><p> </p><br><br><p>x</p><div><div></div></div>", "x"},
    {"PlainTextPassesThrough", "没有标签的文字", "没有标签的文字"},
    {"InvalidUtf8BecomesReplacementCharacter",
     "a\xFF"
     "b",
     "a\xEF\xBF\xBD"
     "b"},
};

class HtmlToTextTest : public testing::TestWithParam<TextCase> {};

TEST_P(HtmlToTextTest, ExtractsText) { EXPECT_EQ(html_to_text(GetParam().html), GetParam().text); }

INSTANTIATE_TEST_SUITE_P(Cases, HtmlToTextTest, testing::ValuesIn(kText),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HtmlToTextTest, WordPasteGivesItsParagraphs) {
  EXPECT_EQ(html_to_text(kWordPaste),
            "东阳市人民政府办公室关于印发2024年政务公开工作要点的通知\n各镇人民政府、街道办事处：\n东阳市人民"
            "政府办公室");
}

}  // namespace
}  // namespace gk::documents
