// Renders the HTML report in headless Chromium, as a phone would show it, and
// checks that the picture is not blank. Where there is no Chromium (it is
// heavy: only CI installs it), the test says so and exits with 77, which
// CTest reports as skipped.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>

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
