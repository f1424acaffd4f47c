#include "image/ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <fmt/format.h>

#include <vector>

#include "core/utf8.h"
#include "image/text_assembly.h"

namespace jianmei::image {

struct OcrEngine::Scratch {
  tesseract::TessBaseAPI api;
};

void OcrEngine::ScratchDeleter::operator()(Scratch* s) const {
  if (s) s->api.End();
  delete s;
}

namespace {

// Tesseract's text with any byte that is not UTF-8 replaced by U+FFFD (the output is JSON).
std::string ValidUtf8(const char* s) {
  std::string out;
  const std::string_view in(s ? s : "");
  for (size_t i = 0; i < in.size();) {
    size_t len = 0;
    const char32_t cp = utf8::Decode(in, i, &len);
    if (cp == utf8::kInvalid) utf8::Append(0xFFFD, &out);
    else out.append(in.substr(i, len));
    i += len;
  }
  return out;
}

// Tesseract allocates the strings it returns with new[].
struct TessText {
  explicit TessText(char* s) : s_(s) {}
  ~TessText() { delete[] s_; }
  TessText(const TessText&) = delete;
  TessText& operator=(const TessText&) = delete;
  char* s_;
};

std::string Trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Result<std::shared_ptr<const OcrEngine>> OcrEngine::Create(OcrOptions options, LanguageCheck check) {
  if (options.page_segmentation < 0 || options.page_segmentation >= tesseract::PSM_COUNT) {
    return Status::InvalidArgument(fmt::format("page segmentation mode {} is not one of Tesseract's (0 to {})",
                                               options.page_segmentation, int(tesseract::PSM_COUNT) - 1));
  }
  std::shared_ptr<const OcrEngine> engine(new OcrEngine(std::move(options)));
  if (check == LanguageCheck::kAtFirstImage) return engine;
  auto scratch = engine->NewScratch();
  if (!scratch.ok()) return scratch.status();
  return engine;
}

Result<OcrEngine::ScratchPtr> OcrEngine::NewScratch() const {
  ScratchPtr s(new Scratch);
  // Tesseract's diagnostics ("Estimating resolution as …") would go to stderr for every image.
  const std::vector<std::string> names = {"debug_file"}, values = {"/dev/null"};
  const char* dir = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
  if (s->api.Init(dir, options_.languages.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names,
                  &values, false) != 0) {
    return Status::NotFound(fmt::format(
        "Tesseract cannot load the languages \"{}\" from {} (Debian: apt-get install "
        "tesseract-ocr-chi-sim tesseract-ocr-eng)",
        options_.languages, dir ? dir : "its default tessdata directory"));
  }
  s->api.SetPageSegMode(static_cast<tesseract::PageSegMode>(options_.page_segmentation));
  return s;
}

Result<ImageText> OcrEngine::Read(std::string_view bytes, Scratch& scratch) const {
  auto decoded = DecodeImage(bytes, options_.limits);
  if (!decoded.ok()) return decoded.status();
  return Recognize(*decoded, scratch);
}

Result<ImageText> OcrEngine::Recognize(const DecodedImage& image, Scratch& scratch) const {
  auto prepared = Preprocess(image.pix.get(), options_.preprocess);
  if (!prepared.ok()) return prepared.status();
  tesseract::TessBaseAPI& api = scratch.api;
  api.SetImage(prepared->pix.get());
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(options_.max_milliseconds);
  const int failed = api.Recognize(&monitor);
  // Clear() at every exit: the next image must not see this one's pages.
  struct ClearOnExit {
    tesseract::TessBaseAPI& api;
    ~ClearOnExit() { api.Clear(); }
  } clear{api};
  if (monitor.deadline_exceeded()) {
    return Status::InvalidArgument(fmt::format(
        "reading its text took longer than the limit of {} ms (--max-image-ms)", options_.max_milliseconds));
  }
  if (failed != 0) return Status::Internal("Tesseract could not read the image");

  ImageText out;
  out.width = image.width;
  out.height = image.height;
  out.format = image.format;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return out;  // no text found
  auto box_of = [&](tesseract::PageIteratorLevel level) {
    int left = 0, top = 0, right = 0, bottom = 0;
    if (!it->BoundingBox(level, &left, &top, &right, &bottom)) return Box{};
    return prepared->ToOriginal({left, top, right - left, bottom - top}, image.width, image.height);
  };
  // Words in reading order; a new line starts at the first word of each text line.
  bool line_open = false;
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || !line_open) {
      OcrLine line;
      line.box = box_of(tesseract::RIL_TEXTLINE);
      line.confidence = it->Confidence(tesseract::RIL_TEXTLINE) / 100.0f;
      out.lines.push_back(line);
      line_open = false;
    }
    TessText raw(it->GetUTF8Text(tesseract::RIL_WORD));
    const std::string word = Trim(ValidUtf8(raw.s_));
    if (word.empty()) continue;
    OcrLine& line = out.lines.back();
    // Lines are the poster's phrases: a newline between them, which the screener reads as a
    // sentence break (image_channels.h keeps it from counting as an evasion).
    if (!line_open && !out.text.empty()) out.text.push_back('\n');
    const auto at = static_cast<uint32_t>(AppendPiece(word, ' ', &out.text));
    if (!line_open) line.span.begin = at;
    line.span.end = static_cast<uint32_t>(out.text.size());
    line_open = true;
    out.words.push_back({{at, line.span.end}, box_of(tesseract::RIL_WORD),
                         it->Confidence(tesseract::RIL_WORD) / 100.0f});
  } while (it->Next(tesseract::RIL_WORD));
  // A line whose words were all blank holds no text.
  std::erase_if(out.lines, [](const OcrLine& l) { return l.span.empty(); });
  return out;
}

}  // namespace jianmei::image
