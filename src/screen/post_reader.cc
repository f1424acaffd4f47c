#include "screen/post_reader.h"

#include <algorithm>

#include "core/rfc3339.h"
#include "core/utf8.h"

namespace jianmei::screen {
namespace {

std::string FieldName(std::string_view where, std::string_view key) {
  std::string name(where);
  if (!name.empty()) name += '.';
  name += utf8::Prefix(key, 80);
  return name;
}

Status Bad(std::string_view where, std::string_view key, std::string_view why) {
  return Status::InvalidArgument(FieldName(where, key) + ": " + std::string(why));
}

bool IsPostField(std::string_view key) {
  return std::find(std::begin(kPostFields), std::end(kPostFields), key) != std::end(kPostFields);
}

// `images`: an array of strings (file paths or base64 data), null for none.
Status ReadImages(const nlohmann::json& value, std::string_view where, ImageField kind, Post* p) {
  if (value.is_null()) return Status::Ok();
  const char* what = kind == ImageField::kFilePaths ? "an array of file paths (strings)"
                                                    : "an array of base64 strings";
  if (!value.is_array()) return Bad(where, "images", std::string("must be ") + what);
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string name = "images[" + std::to_string(i) + "]";
    if (!value[i].is_string()) return Bad(where, name, "must be a string");
    PostImage image;
    if (kind == ImageField::kFilePaths) {
      image.name = value[i].get<std::string>();
    } else {
      image.name = name;
      image.bytes = value[i].get<std::string>();
    }
    p->images.push_back(std::move(image));
  }
  return Status::Ok();
}

}  // namespace

std::string UnknownFieldWarning(std::string_view key) {
  return "unknown field \"" + std::string(utf8::Prefix(key, 64)) + "\" ignored";
}

Status CheckPostValues(std::string_view author_kind, std::string_view channel,
                       std::string_view where, Post* post) {
  if (!post->posted_at.empty() && !ParseRfc3339(post->posted_at)) {
    return Bad(where, "posted_at", "not an RFC 3339 date-time: \"" +
                                       std::string(utf8::Prefix(post->posted_at, 40)) + "\"");
  }
  if (!author_kind.empty() && !ParseAuthorKind(author_kind, &post->caller.author_kind)) {
    return Bad(where, "author_kind", "\"" + std::string(utf8::Prefix(author_kind, 40)) +
                                         "\" is not institution, individual or unknown");
  }
  if (!channel.empty() && !ParseChannel(channel, &post->caller.channel)) {
    return Bad(where, "channel", "\"" + std::string(utf8::Prefix(channel, 40)) +
                                     "\" is not ad, post, comment, news or unknown");
  }
  return Status::Ok();
}

Result<Post> ReadPost(const nlohmann::json& j, std::string_view where,
                      const PostReaderOptions& options, std::string* id_out) {
  if (!j.is_object()) {
    return Status::InvalidArgument(where.empty() ? std::string("not a JSON object")
                                                 : std::string(where) + ": must be a JSON object");
  }
  Post p;
  // The id first, so that an error record about any other field can name the post.
  if (auto it = j.find("id"); it != j.end()) {
    if (it->is_string()) p.id = it->get<std::string>();
    else if (it->is_number_integer()) p.id = it->dump();
    else return Bad(where, "id", "must be a string or an integer");
    p.has_id = true;
    if (id_out) *id_out = p.id;
  }
  std::string author_kind, channel;
  for (const auto& [key, value] : j.items()) {  // in key order
    if (key == "id") continue;
    if (key == "images" && options.images != ImageField::kNotAccepted) {
      if (Status s = ReadImages(value, where, options.images, &p); !s.ok()) return s;
      continue;
    }
    if (!IsPostField(key)) {
      const auto& allowed = options.also_allowed;
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (options.unknown_fields_are_errors) return Bad(where, key, "unknown field");
      p.warnings.push_back(UnknownFieldWarning(key));
      continue;
    }
    if (value.is_null() && key != "text") continue;
    if (!value.is_string()) return Bad(where, key, "must be a string");
    std::string s = value.get<std::string>();
    if (key == "text") p.text = std::move(s);
    else if (key == "author") p.author = std::move(s);
    else if (key == "author_kind") author_kind = std::move(s);
    else if (key == "channel") channel = std::move(s);
    else if (key == "institution") p.institution = std::move(s);
    else if (key == "platform") p.platform = std::move(s);
    else if (key == "posted_at") p.posted_at = std::move(s);
    else p.url = std::move(s);
  }
  if (!j.contains("text")) return Bad(where, "text", "missing (required)");
  if (p.text.size() > options.max_text_bytes) {
    return Bad(where, "text", std::to_string(p.text.size()) + " bytes, more than the limit of " +
                                  std::to_string(options.max_text_bytes));
  }
  if (Status s = CheckPostValues(author_kind, channel, where, &p); !s.ok()) return s;
  return p;
}

}  // namespace jianmei::screen
