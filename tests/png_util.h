// Just enough PNG reading for a test to tell a rendered page from a blank one:
// 8-bit RGB or RGBA, not interlaced (what Chromium's screenshots are).
#ifndef QINGLIAN_TESTS_PNG_UTIL_H_
#define QINGLIAN_TESTS_PNG_UTIL_H_

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace qinglian::testing {

struct Image {
  uint32_t width = 0, height = 0, channels = 0;
  std::vector<uint8_t> pixels;  // rows of width * channels bytes
  std::string error;
};

inline uint32_t BigEndian32(const std::string& s, size_t at) {
  return (uint32_t{static_cast<uint8_t>(s[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(s[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(s[at + 2])} << 8) |
         uint32_t{static_cast<uint8_t>(s[at + 3])};
}

inline Image DecodePng(const std::string& png) {
  Image img;
  if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
    return img.error = "not a PNG", img;
  std::string idat;
  for (size_t at = 8; at + 8 <= png.size();) {
    const uint32_t len = BigEndian32(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (type == "IHDR") {
      img.width = BigEndian32(png, at + 8);
      img.height = BigEndian32(png, at + 12);
      const int depth = static_cast<uint8_t>(png[at + 16]),
                color = static_cast<uint8_t>(png[at + 17]);
      if (depth != 8 || (color != 2 && color != 6) || png[at + 20] != 0)
        return img.error = "unsupported PNG", img;
      img.channels = color == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      idat += png.substr(at + 8, len);
    }
    at += 12 + len;
  }
  const size_t stride = size_t{img.width} * img.channels;
  std::vector<uint8_t> raw((stride + 1) * img.height);
  uLongf raw_len = raw.size();
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) !=
      Z_OK)
    return img.error = "bad image data", img;
  img.pixels.resize(stride * img.height);
  const size_t bpp = img.channels;
  for (uint32_t y = 0; y < img.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &img.pixels[y * stride];
    const uint8_t* up = y ? &img.pixels[(y - 1) * stride] : nullptr;
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= bpp ? out[x - bpp] : 0, b = up ? up[x] : 0,
                c = (up && x >= bpp) ? up[x - bpp] : 0;
      int pred = 0;
      switch (filter) {
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default:
          break;
      }
      out[x] = static_cast<uint8_t>(in[x] + pred);
    }
  }
  return img;
}

// The share of pixels that differ from the top-left one (the page background).
inline double InkShare(const Image& img) {
  if (img.pixels.empty()) return 0;
  size_t ink = 0;
  const size_t n = size_t{img.width} * img.height;
  for (size_t i = 0; i < n; ++i)
    for (uint32_t ch = 0; ch < 3; ++ch)
      if (img.pixels[i * img.channels + ch] != img.pixels[ch]) {
        ++ink;
        break;
      }
  return static_cast<double>(ink) / static_cast<double>(n);
}

}  // namespace qinglian::testing

#endif  // QINGLIAN_TESTS_PNG_UTIL_H_
