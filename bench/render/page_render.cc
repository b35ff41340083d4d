// page_render: CPU time to render the portal home page (portal_home.mustache inside layout.mustache)
// from a view shaped like the one web::portal_home and web::render_page build (8 featured organs,
// two upcoming holidays, the portal navigation, a CSRF token, a request id).
//
//   page_render [TEMPLATES_DIR] [SECONDS]      (defaults: the source tree's web/templates, 1)
//
// Rows, each measured for SECONDS on one thread (thread CPU time, so other processes on the machine
// barely move the figure):
//   peer       kainjow::mustache parsed from the template text and rendered on every call, the layout
//              view copied to add `content` — what ViewRenderer did before templates were cached
//   renderer   web::ViewRenderer::render_page (parsed templates cached per thread)
// and the renderer again on 2 threads at once (pages/s summed over the threads) to show that the
// per-thread cache shares nothing. The program checks that both ways produce the same bytes.
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "web/view_renderer.h"

namespace {

using gk::web::View;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

View home_view() {
  View view;
  view.set("department_count", "52");
  view.set("department_total_departments", "34");
  view.set("township_count", "18");
  View featured{View::type::list};
  const char* names[] = {"东阳市人民政府", "东阳市人民政府办公室", "东阳市发展和改革局", "东阳市教育局",
                         "东阳市科学技术局", "东阳市经济和信息化局", "东阳市公安局", "东阳市民政局"};
  int n = 0;
  for (const char* name : names) {
    View item;
    item.set("code", "dy-" + std::to_string(++n));
    item.set("name", name);
    featured.push_back(item);
  }
  view.set("featured_departments", featured);
  View today;
  today.set("date", "2026-11-26");
  today.set("working", true);
  view.set("today", today);
  View items{View::type::list};
  for (const auto& [date, name] : {std::pair{"2027-01-01", "元旦"}, std::pair{"2027-01-02", "元旦"}}) {
    View i;
    i.set("date", date);
    i.set("name", name);
    i.set("kind_label", "");
    items.push_back(i);
  }
  View up;
  up.set("items", items);
  view.set("upcoming", up);
  return view;
}

View layout_view() {
  View layout;
  layout.set("title", "首页");
  layout.set("site_title", "东阳市人民政府信息公开");
  layout.set("large_font", false);
  layout.set("csrf", "7ZRFYJLCFn_SKGXGvmDpJnZETaw9M2Vm7QrrbrzBkRU");
  layout.set("current_path", "/");
  layout.set("admin", false);
  View nav{View::type::list};
  for (const auto& [href, label] : {std::pair{"/", "首页"}, std::pair{"/departments", "公开主体"},
                                    std::pair{"/documents", "政府文件"}, std::pair{"/calendar", "工作日历"}}) {
    View item;
    item.set("href", href);
    item.set("label", label);
    item.set("current", std::string(href) == "/");
    nav.push_back(item);
  }
  layout.set("nav", nav);
  layout.set("request_id", "cbe1f25a35d2f0e172296a21bc1ab8e5");
  return layout;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "page_render: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The pre-cache way: parse both templates from their text on every call.
std::string render_uncached(const std::string& page_text, const std::string& layout_text, const View& view,
                            View layout) {
  kainjow::mustache::mustache page(page_text);
  std::string content = page.render(view);
  layout.set("content", content);
  kainjow::mustache::mustache outer(layout_text);
  return outer.render(layout);
}

struct Rate {
  long pages = 0;
  double cpu_s = 0;
};

template <typename F>
Rate measure(double seconds, F&& render_once) {
  size_t sink = 0;
  for (int i = 0; i < 50; ++i) sink += render_once().size();  // warm-up (and the per-thread parse)
  Rate r;
  const double start = thread_cpu_seconds();
  double now = start;
  while (now - start < seconds) {
    for (int i = 0; i < 100; ++i) sink += render_once().size();
    r.pages += 100;
    now = thread_cpu_seconds();
  }
  r.cpu_s = now - start;
  if (sink == 0) std::puts("");
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : GK_BENCH_TEMPLATES;
  const double seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
  auto renderer = gk::web::ViewRenderer::load(dir);
  if (!renderer) {
    std::fprintf(stderr, "page_render: %s\n", renderer.error().to_string().c_str());
    return 2;
  }
  const std::string page_text = read_file(dir + "/portal_home.mustache");
  const std::string layout_text = read_file(dir + "/layout.mustache");
  const View view = home_view();
  const View layout = layout_view();

  auto cached = [&] { return renderer->render_page("portal_home", view, layout).value(); };
  auto uncached = [&] { return render_uncached(page_text, layout_text, view, layout); };
  const std::string page = cached();
  if (page != uncached()) {
    std::fprintf(stderr, "page_render: ViewRenderer and the uncached peer produced different pages\n");
    return 1;
  }

  const Rate peer = measure(seconds, uncached);
  const Rate one = measure(seconds, cached);
  std::vector<Rate> two(2);
  {
    std::vector<std::thread> threads;
    for (Rate& r : two) threads.emplace_back([out = &r, &cached, seconds] { *out = measure(seconds, cached); });
    for (auto& t : threads) t.join();
  }
  auto per_page_us = [](const Rate& r) { return r.cpu_s * 1e6 / static_cast<double>(r.pages); };
  const double peer_us = per_page_us(peer);
  std::printf("bench/render: portal home page, %zu bytes; CPU time per page on one thread\n", page.size());
  std::printf("%-44s %12s %12s %10s\n", "way", "us/page", "pages/s/cpu", "vs peer");
  auto row = [&](const char* name, double us) {
    std::printf("%-44s %12.1f %12.0f %9.2fx\n", name, us, 1e6 / us, peer_us / us);
  };
  row("peer: parse + render every call", peer_us);
  row("ViewRenderer::render_page, 1 thread", per_page_us(one));
  const double two_us = (per_page_us(two[0]) + per_page_us(two[1])) / 2;
  row("ViewRenderer::render_page, 2 threads (each)", two_us);
  return 0;
}
