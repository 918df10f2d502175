// Renders the HTML report in headless Chromium, as a phone would show it, and
// checks that the picture is not blank. Where there is no Chromium (it is
// heavy: only CI installs it), the test says so and exits with 77, which
// CTest reports as skipped.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <vector>

#include "png_util.h"
#include "qinglian/output/report.h"
#include "test_util.h"

namespace qinglian {
namespace {

// The browser on the PATH, or an empty string.
std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return "";
}

TEST_CASE("The HTML report renders in Chromium as a page with text and charts", "[render]") {
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    std::fputs("render test skipped: no chromium on the PATH (.ci/run installs it)\n", stderr);
    // Under CTest, one test a process: the exit code tells it the test was skipped.
    if (std::getenv("QINGLIAN_UNDER_CTEST")) std::exit(77);
    WARN("render test skipped: no chromium on the PATH");
    return;
  }
  testing::TempDir dir;
  const std::string db = dir / "q.db", html = dir / "report.html", png = dir / "report.png";
  REQUIRE(
      testing::RunCli("gen --out '" + dir.path().string() + "' --employees 3000 --offences 6000")
          .exit_code == 0);
  REQUIRE(testing::RunCli("--db '" + db + "' run --employees '" + (dir / "employees.csv") +
                          "' --offences '" + (dir / "offences_traffic.csv") + "' '" +
                          (dir / "offences_public_security.csv") + "' --as-of 2024-12-31")
              .exit_code == 0);
  REQUIRE(testing::RunCli("--db '" + db + "' report --format html --lang zh --out '" + html + "'")
              .exit_code == 0);
  const std::string cmd =
      chromium +
      " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir='" +
      (dir / "profile") + "' --window-size=412,1400 --screenshot='" + png + "' 'file://" + html +
      "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const testing::Image img = testing::DecodePng(testing::ReadFile(png));
  REQUIRE(img.error.empty());
  CHECK(img.width == 412);
  CHECK(img.height == 1400);
  // Text, bars and table rules cover a visible share of a phone-sized page.
  const double ink = testing::InkShare(img);
  INFO("ink share " << ink);
  CHECK(ink > 0.05);
  CHECK(ink < 0.9);
}

TEST_CASE("InkShare tells a blank picture from a drawn one", "[render]") {
  testing::Image blank;
  blank.width = 2;
  blank.height = 1;
  blank.channels = 3;
  blank.pixels = {255, 255, 255, 255, 255, 255};
  CHECK(testing::InkShare(blank) == 0.0);
  blank.pixels[3] = 0;
  CHECK(testing::InkShare(blank) == 0.5);
}

}  // namespace
}  // namespace qinglian

namespace qinglian {
namespace {

// For the test's copy of a page only (the report has no script): reports,
// for each frame of the page, its width and every place where text is cut
// or runs past its box, where a chart's text is larger than the headings,
// and any label shortened with an ellipsis. A table may scroll sideways in
// its own box; the page may not.
const char kLayoutCheck[] = R"js(
function qinglianCheck(document) {
  var out = ['width ' + document.documentElement.clientWidth];
  var root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1)
    out.push('page wider than the screen: ' + root.scrollWidth + ' > ' + root.clientWidth);
  var size = function (e) { return parseFloat(document.defaultView.getComputedStyle(e).fontSize); };
  var h1 = document.querySelector('h1'), h2 = document.querySelector('h2');
  var heading = h2 ? size(h2) : 0, title = h1 ? size(h1) : 0;
  var all = document.body.querySelectorAll('*');
  for (var i = 0; i < all.length; i++) {
    var e = all[i], cs = document.defaultView.getComputedStyle(e);
    if (cs.display === 'none' || cs.display === 'inline' || cs.display === 'contents') continue;
    var name = e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '');
    var text = (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    var scrolls = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
    if (!scrolls && e.scrollWidth > e.clientWidth + 1)
      out.push('past its box: ' + name + ' "' + text + '" ' + e.scrollWidth + ' > ' + e.clientWidth);
    if ((cs.overflowY === 'hidden' || cs.overflowY === 'clip') && e.scrollHeight > e.clientHeight + 1)
      out.push('cut at the bottom: ' + name + ' "' + text + '"');
    if (cs.textOverflow === 'ellipsis') out.push('ellipsis: ' + name + ' "' + text + '"');
    var svg = e.ownerSVGElement;
    if (svg) {
      // Text in a picture: its size as drawn, and inside the picture.
      var box = svg.getBoundingClientRect(), r = e.getBoundingClientRect();
      var view = svg.viewBox && svg.viewBox.baseVal;
      var drawn = size(e) * (view && view.width ? box.width / view.width : 1);
      if (e.tagName === 'text' && drawn > heading + 0.01)
        out.push('chart text larger than the headings: ' + name + ' "' + text + '" ' + drawn.toFixed(1) + 'px > ' + heading + 'px');
      if (e.tagName === 'text' && (r.left < box.left - 1 || r.right > box.right + 1))
        out.push('past its box: ' + name + ' "' + text + '"');
      continue;
    }
    if (e.closest('figure') && size(e) > heading + 0.01)
      out.push('chart text larger than the headings: ' + name + ' "' + text + '" ' + size(e) + 'px > ' + heading + 'px');
    if (size(e) > title + 0.01)
      out.push('text larger than the title: ' + name + ' "' + text + '"');
  }
  if (document.body.textContent.indexOf('\u2026') >= 0) out.push('a label shortened with \u2026');
  return out.join('\n');
}
window.addEventListener('load', function () {
  var frames = document.querySelectorAll('iframe');
  for (var i = 0; i < frames.length; i++) {
    var pre = document.createElement('pre');
    pre.className = 'qinglian-check';
    pre.textContent = qinglianCheck(frames[i].contentDocument);
    document.body.appendChild(pre);
  }
});
)js";

std::string HtmlText(std::string s) {
  for (const auto& [from, to] :
       {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    s = std::regex_replace(s, std::regex(from), to);
  return s;
}

// Shows `page` in frames of each of `widths` (CSS pixels, as a phone or a
// desktop browser lays it out) in headless Chromium and returns
// kLayoutCheck's findings for each frame.
std::vector<std::string> CheckLayout(const std::string& chromium, const testing::TempDir& dir,
                                     const std::string& page, const std::vector<int>& widths) {
  std::string quoted;
  for (char c : page) quoted += c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
  std::string wrapper = "<!DOCTYPE html><html><body>";
  for (int w : widths)
    wrapper += "<iframe style=\"width:" + std::to_string(w) +
               "px;height:1000px;border:0\" srcdoc=\"" + quoted + "\"></iframe>";
  wrapper += std::string("<script>") + kLayoutCheck + "</script></body></html>";
  const std::string in = dir / "check.html", out = dir / "dom.html";
  testing::WriteFile(in, wrapper);
  const std::string cmd =
      chromium +
      " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir='" +
      (dir / "profile") + "' --window-size=1400,1000 --dump-dom 'file://" + in + "' >'" + out +
      "' 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) return {"chromium failed"};
  const std::string dom = testing::ReadFile(out);
  std::vector<std::string> found;
  const std::regex pre("<pre class=\"qinglian-check\">([^<]*)</pre>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), pre); it != std::sregex_iterator();
       ++it)
    found.push_back(HtmlText((*it)[1].str()));
  return found;
}

TEST_CASE("The layout check finds text cut short, past its box, or larger than the headings",
          "[render]") {
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    std::fputs("render test skipped: no chromium on the PATH (.ci/run installs it)\n", stderr);
    if (std::getenv("QINGLIAN_UNDER_CTEST")) std::exit(77);
    WARN("render test skipped: no chromium on the PATH");
    return;
  }
  testing::TempDir dir;
  // What the report's charts did: a label shortened to fit, SVG text scaled
  // up with its picture and drawn past its edge.
  const std::string page =
      "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><style>h1{font-size:24px}h2{font-size:18px}</style></head><body>"
      "<h1>report</h1><h2>funnel</h2><figure><svg viewBox=\"0 0 100 20\" width=\"100%\">"
      "<text x=\"60\" y=\"15\" font-size=\"15\">transferred</text></svg>"
      "<div style=\"font-size:20px\">big</div>"
      "<div style=\"width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis\">"
      "transferred for verification</div><div>transferre\u2026</div></figure>"
      "<div style=\"width:2000px\">wide</div></body></html>";
  const std::vector<std::string> found = CheckLayout(chromium, dir, page, {375});
  REQUIRE(found.size() == 1);
  INFO(found[0]);
  for (const char* want :
       {"width 375\n",
        "page wider than the screen: ", "chart text larger than the headings: text \"transferred\"",
        "past its box: text \"transferred\"",
        "chart text larger than the headings: div \"big\" 20px > 18px",
        "past its box: div \"transferred for verification\"",
        "ellipsis: div \"transferred for verification\"", "a label shortened with \u2026"}) {
    INFO(want);
    CHECK(found[0].find(want) != std::string::npos);
  }
}

TEST_CASE("The HTML report shows every label whole on a phone and a desktop, in both languages",
          "[render]") {
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    std::fputs("render test skipped: no chromium on the PATH (.ci/run installs it)\n", stderr);
    if (std::getenv("QINGLIAN_UNDER_CTEST")) std::exit(77);
    WARN("render test skipped: no chromium on the PATH");
    return;
  }
  testing::TempDir dir;
  const std::string db = "--db '" + (dir / "q.db") + "' ";
  const auto in = [&dir](const char* name) { return "'" + (dir / name) + "'"; };
  REQUIRE(
      testing::RunCli("gen --out '" + dir.path().string() + "' --employees 3000 --offences 6000")
          .exit_code == 0);
  REQUIRE(testing::RunCli(db + "units expect 怀化市水务集团有限公司 500").exit_code == 0);
  // Every model, so that the longest English titles are drawn too.
  REQUIRE(testing::RunCli(db + "run --employees " + in("employees.csv") + " --offences " +
                          in("offences_traffic.csv") + " " + in("offences_public_security.csv") +
                          " --input subsidies=" + in("subsidies.csv") +
                          " --input deaths=" + in("deaths.csv") +
                          " --input businesses=" + in("businesses.csv") + " --as-of 2024-12-31")
              .exit_code == 0);
  for (int id = 1; id <= 6; ++id)
    REQUIRE(
        testing::RunCli(db + "dispose " + std::to_string(id) + " --status transferred").exit_code ==
        0);
  REQUIRE(testing::RunCli(db + "dispose 1 --status closed --outcome dismissal --case-filed "
                               "--recovered-yuan 1234567.8")
              .exit_code == 0);
  for (const char* lang : {"zh", "en"}) {
    const std::string html = dir / (std::string("report_") + lang + ".html");
    REQUIRE(testing::RunCli(db + "report --format html --lang " + lang + " --out '" + html + "'")
                .exit_code == 0);
    INFO(lang);
    CHECK(CheckLayout(chromium, dir, testing::ReadFile(html), {375, 1280}) ==
          std::vector<std::string>{"width 375", "width 1280"});
  }
}

}  // namespace
}  // namespace qinglian
