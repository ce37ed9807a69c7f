#include "io/load_weights.h"

#include <cstring>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/paths.h"
#include "io/sharded_group.h"
#include "io/weight_decoding.h"

namespace tfjs::io {
namespace {

struct WeightRef {
  size_t group = 0;
  size_t entry = 0;
};

// Where a weight's stored bytes sit in its group.
struct WeightSpan {
  uint64_t offset = 0;
  uint64_t size = 0;
};

std::string DescribeShards(const ShardedGroup& shards) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < shards.shard_count(); ++i) {
    parts.push_back(absl::StrCat("'", shards.location(i), "' (", shards.shard_size(i), " bytes)"));
  }
  return parts.empty() ? "no shard files" : absl::StrJoin(parts, ", ");
}

absl::StatusOr<uint32_t> ReadStringLength(ShardedGroup& shards, const WeightEntry& entry,
                                          uint64_t position) {
  if (position > shards.total_size() || shards.total_size() - position < 4) {
    return absl::DataLossError(absl::StrCat(
        "weight '", entry.name, "': a string length at byte ", position,
        " runs past the end of its group's shards (", DescribeShards(shards),
        "); a shard is truncated or the manifest does not match the shards"));
  }
  absl::StatusOr<Buffer> bytes = shards.Range(position, 4);
  if (!bytes.ok()) return bytes.status();
  uint32_t length;
  std::memcpy(&length, bytes->data(), sizeof(length));
  return length;
}

// Places every weight of the group, measuring string weights from the data, and checks that the
// weights use up the shards exactly.
absl::StatusOr<std::vector<WeightSpan>> LayOutGroup(const WeightGroup& group, size_t group_index,
                                                    ShardedGroup& shards) {
  std::vector<WeightSpan> spans;
  uint64_t offset = 0;
  for (const WeightEntry& entry : group.weights) {
    absl::StatusOr<std::optional<uint64_t>> fixed_size = StoredByteSize(entry);
    if (!fixed_size.ok()) return fixed_size.status();
    uint64_t size = 0;
    if (fixed_size->has_value()) {
      size = **fixed_size;
    } else {
      absl::StatusOr<uint64_t> string_size = StoredStringByteSize(
          entry, [&](uint64_t at) { return ReadStringLength(shards, entry, offset + at); });
      if (!string_size.ok()) return string_size.status();
      size = *string_size;
    }
    if (size > shards.total_size() - offset) {
      return absl::DataLossError(absl::StrCat(
          "weights group ", group_index, ": weight '", entry.name, "' needs bytes ", offset, "..",
          offset + size, " but the group's shards hold only ", shards.total_size(), " bytes (",
          DescribeShards(shards), "); a shard is truncated or the manifest lists more than was written"));
    }
    spans.push_back({offset, size});
    offset += size;
  }
  if (offset != shards.total_size()) {
    return absl::DataLossError(absl::StrCat(
        "weights group ", group_index, ": the weights need ", offset, " bytes but the shards hold ",
        shards.total_size(), " (", DescribeShards(shards),
        "); the manifest lacks weights or names the wrong shards"));
  }
  return spans;
}

absl::StatusOr<std::vector<WeightRef>> SelectWeights(const WeightsManifest& manifest,
                                                     const std::vector<std::string>* names) {
  std::vector<WeightRef> selected;
  if (names == nullptr) {
    for (size_t g = 0; g < manifest.size(); ++g) {
      for (size_t e = 0; e < manifest[g].weights.size(); ++e) selected.push_back({g, e});
    }
    return selected;
  }
  absl::flat_hash_map<absl::string_view, WeightRef> by_name;
  for (size_t g = 0; g < manifest.size(); ++g) {
    for (size_t e = 0; e < manifest[g].weights.size(); ++e) {
      by_name.emplace(manifest[g].weights[e].name, WeightRef{g, e});
    }
  }
  std::vector<std::string> unknown;
  for (const std::string& name : *names) {
    auto found = by_name.find(name);
    if (found == by_name.end()) {
      unknown.push_back(absl::StrCat("'", name, "'"));
    } else {
      selected.push_back(found->second);
    }
  }
  if (!unknown.empty()) {
    return absl::NotFoundError(
        absl::StrCat("weights not in the manifest: ", absl::StrJoin(unknown, ", ")));
  }
  return selected;
}

}  // namespace

absl::StatusOr<std::vector<NamedTensor>> LoadWeightsWith(
    Fetcher& fetcher, const WeightsManifest& manifest, absl::string_view folder,
    absl::string_view query, const std::vector<std::string>* names,
    const std::function<void(double)>& on_progress) {
  absl::StatusOr<std::vector<WeightRef>> selected = SelectWeights(manifest, names);
  if (!selected.ok()) return selected.status();

  // Open and lay out each group that holds a selected weight.
  std::vector<std::optional<ShardedGroup>> groups(manifest.size());
  std::vector<std::vector<WeightSpan>> spans(manifest.size());
  for (const WeightRef& ref : *selected) {
    if (groups[ref.group].has_value()) continue;
    std::vector<std::string> locations;
    for (const std::string& path : manifest[ref.group].paths) {
      absl::StatusOr<std::string> location = ResolveManifestPath(folder, path, query);
      if (!location.ok()) return location.status();
      locations.push_back(*std::move(location));
    }
    absl::StatusOr<ShardedGroup> group = ShardedGroup::Open(fetcher, std::move(locations));
    if (!group.ok()) return group.status();
    groups[ref.group] = *std::move(group);
    absl::StatusOr<std::vector<WeightSpan>> laid_out =
        LayOutGroup(manifest[ref.group], ref.group, *groups[ref.group]);
    if (!laid_out.ok()) return laid_out.status();
    spans[ref.group] = *std::move(laid_out);
  }

  // Read the shards the selected weights lie in, reporting progress per shard.
  std::vector<std::vector<bool>> needed(manifest.size());
  for (const WeightRef& ref : *selected) {
    const ShardedGroup& group = *groups[ref.group];
    needed[ref.group].resize(group.shard_count());
    const WeightSpan& span = spans[ref.group][ref.entry];
    for (size_t shard : group.ShardsCovering(span.offset, span.size)) needed[ref.group][shard] = true;
  }
  size_t total_reads = 0;
  size_t done_reads = 0;
  for (size_t g = 0; g < manifest.size(); ++g) {
    if (!groups[g].has_value()) continue;
    for (size_t shard = 0; shard < groups[g]->shard_count(); ++shard) {
      const bool read = groups[g]->is_read(shard);
      if (read || needed[g][shard]) ++total_reads;
      if (read) ++done_reads;
    }
  }
  for (size_t g = 0; g < manifest.size(); ++g) {
    if (!groups[g].has_value()) continue;
    for (size_t shard = 0; shard < groups[g]->shard_count(); ++shard) {
      if (!needed[g][shard] || groups[g]->is_read(shard)) continue;
      absl::Status read = groups[g]->ReadShard(shard);
      if (!read.ok()) return read;
      ++done_reads;
      if (on_progress && done_reads < total_reads) {
        on_progress(static_cast<double>(done_reads) / total_reads);
      }
    }
  }
  if (on_progress) on_progress(1.0);

  std::vector<NamedTensor> tensors;
  tensors.reserve(selected->size());
  for (const WeightRef& ref : *selected) {
    const WeightEntry& entry = manifest[ref.group].weights[ref.entry];
    const WeightSpan& span = spans[ref.group][ref.entry];
    absl::StatusOr<Buffer> stored = groups[ref.group]->Range(span.offset, span.size);
    if (!stored.ok()) return stored.status();
    absl::StatusOr<Tensor> tensor = DecodeWeight(entry, *stored);
    if (!tensor.ok()) return tensor.status();
    // Decoded copies no longer need the stored pages; views read them back when touched.
    stored->DropResidentPages();
    auto reread = [entry, stored = *stored]() -> absl::StatusOr<Tensor> {
      absl::StatusOr<Tensor> again = DecodeWeight(entry, stored);
      stored.DropResidentPages();
      return again;
    };
    tensors.push_back({entry.name, *std::move(tensor), std::move(reread)});
  }
  return tensors;
}

absl::StatusOr<std::vector<NamedTensor>> LoadWeights(const WeightsManifest& manifest,
                                                     absl::string_view path_prefix,
                                                     const LoadOptions& options) {
  const absl::string_view folder =
      options.weight_path_prefix.empty() ? path_prefix : options.weight_path_prefix;
  std::unique_ptr<Fetcher> fetcher = MakeFetcherFor(folder, options);
  return LoadWeightsWith(*fetcher, manifest, folder, "", nullptr, options.on_progress);
}

absl::StatusOr<std::vector<NamedTensor>> LoadWeights(const WeightsManifest& manifest,
                                                     absl::string_view path_prefix,
                                                     absl::Span<const std::string> names,
                                                     const LoadOptions& options) {
  const absl::string_view folder =
      options.weight_path_prefix.empty() ? path_prefix : options.weight_path_prefix;
  std::unique_ptr<Fetcher> fetcher = MakeFetcherFor(folder, options);
  const std::vector<std::string> wanted(names.begin(), names.end());
  return LoadWeightsWith(*fetcher, manifest, folder, "", &wanted, options.on_progress);
}

}  // namespace tfjs::io
