#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/load_model.h"
#include "io/load_weights.h"
#include "io/loopback_http_server.h"
#include "io/test_bytes.h"

namespace tfjs::io {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Key;
using ::testing::Not;
using testing::ByteWriter;
using testing::LoopbackHttpServer;
using testing::RecordedRequest;

constexpr char kModelJson[] = R"({
  "format": "graph-model",
  "modelTopology": {"node": [{"name": "w", "op": "Const"}]},
  "weightsManifest": [{"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
    {"name": "w", "shape": [3], "dtype": "float32"},
    {"name": "q", "shape": [2], "dtype": "float32",
     "quantization": {"dtype": "uint16", "scale": 0.5, "min": -2}}]}]})";

std::map<std::string, std::string> ModelFiles(const std::string& folder) {
  ByteWriter bytes;
  bytes.AddAll<float>({1.0f, 2.0f, 4.0f}).AddAll<uint16_t>({0, 9});
  return {{folder + "model.json", kModelJson},
          {folder + "group1-shard1of2.bin", bytes.bytes().substr(0, 6)},
          {folder + "group1-shard2of2.bin", bytes.bytes().substr(6)}};
}

std::vector<std::string> Targets(const std::vector<RecordedRequest>& requests, absl::string_view method) {
  std::vector<std::string> targets;
  for (const RecordedRequest& request : requests) {
    if (request.method == method) targets.push_back(request.target);
  }
  return targets;
}

void ExpectModelWeights(const LoadedModel& model) {
  ASSERT_EQ(model.weights.size(), 2u);
  EXPECT_THAT(model.weights[0].tensor.values<float>(), ElementsAre(1.0f, 2.0f, 4.0f));
  EXPECT_THAT(model.weights[1].tensor.values<float>(), ElementsAre(-2.0f, 2.5f));
}

TEST(HttpLoadTest, LoadsModelAndWeightsWithHeadersAndTheModelQuery) {
  LoopbackHttpServer server(ModelFiles("/models/m/"));
  LoadOptions options;
  options.headers = {{"X-Client", "tfjs-native"}, {"Authorization", "Bearer secret"}};
  std::vector<double> progress;
  options.on_progress = [&](double fraction) { progress.push_back(fraction); };
  absl::StatusOr<LoadedModel> model =
      LoadModel(server.base_url() + "/models/m/model.json?v=3", options);
  ASSERT_TRUE(model.ok()) << model.status();
  ExpectModelWeights(*model);
  EXPECT_EQ(model->model_json.graph->node(0).name(), "w");
  EXPECT_THAT(progress, ElementsAre(0.5, 1.0));

  const std::vector<RecordedRequest> requests = server.requests();
  EXPECT_THAT(Targets(requests, "GET"),
              ElementsAre("/models/m/model.json?v=3", "/models/m/group1-shard1of2.bin?v=3",
                          "/models/m/group1-shard2of2.bin?v=3"));
  for (const RecordedRequest& request : requests) {
    EXPECT_EQ(request.headers.at("x-client"), "tfjs-native") << request.target;
    // Same origin as the model: credentials go along.
    EXPECT_EQ(request.headers.at("authorization"), "Bearer secret") << request.target;
  }
}

TEST(HttpLoadTest, CredentialsGoToAnotherOriginOnlyWhenAllowed) {
  LoopbackHttpServer model_server(std::map<std::string, std::string>{{"/model.json", kModelJson}});
  std::map<std::string, std::string> weight_files = ModelFiles("/w/");
  weight_files.erase("/w/model.json");
  LoopbackHttpServer weight_server(weight_files);
  for (bool with_credentials : {false, true}) {
    LoadOptions options;
    options.headers = {{"X-Client", "tfjs-native"}, {"Cookie", "session=1"}};
    options.with_credentials = with_credentials;
    options.weight_path_prefix = weight_server.base_url() + "/w/";
    absl::StatusOr<LoadedModel> model = LoadModel(model_server.base_url() + "/model.json", options);
    ASSERT_TRUE(model.ok()) << model.status();
    ExpectModelWeights(*model);
  }
  const std::vector<RecordedRequest> model_requests = model_server.requests();
  ASSERT_EQ(model_requests.size(), 2u);
  for (const RecordedRequest& request : model_requests) {
    EXPECT_EQ(request.headers.at("cookie"), "session=1");
  }
  for (const RecordedRequest& request : weight_server.requests()) {
    EXPECT_EQ(request.headers.at("x-client"), "tfjs-native");
  }
  // The first load (without credentials) made the first requests to the weight server.
  const std::vector<RecordedRequest> weight_requests = weight_server.requests();
  ASSERT_EQ(weight_requests.size() % 2, 0u);
  const size_t half = weight_requests.size() / 2;
  for (size_t i = 0; i < weight_requests.size(); ++i) {
    if (i < half) {
      EXPECT_THAT(weight_requests[i].headers, Not(Contains(Key("cookie")))) << i;
    } else {
      EXPECT_EQ(weight_requests[i].headers.at("cookie"), "session=1") << i;
    }
  }
}

TEST(HttpLoadTest, RedirectsAreFollowedWithCredentialsOnlyToTheModelsOrigin) {
  LoopbackHttpServer elsewhere(std::map<std::string, std::string>{{"/moved.json", kModelJson}});
  LoopbackHttpServer server(ModelFiles("/"));
  server.Redirect("/model.json", elsewhere.base_url() + "/moved.json");
  LoadOptions options;
  options.headers = {{"Authorization", "Bearer secret"}};
  absl::StatusOr<LoadedModel> model = LoadModel(server.base_url() + "/model.json", options);
  ASSERT_TRUE(model.ok()) << model.status();
  ExpectModelWeights(*model);
  EXPECT_THAT(elsewhere.HeaderValues("authorization"), ElementsAre(""));
  for (const std::string& value : server.HeaderValues("authorization")) {
    EXPECT_EQ(value, "Bearer secret");
  }
}

TEST(HttpLoadTest, RedirectsBeyondTheLimitFail) {
  LoopbackHttpServer server(ModelFiles("/"));
  server.Redirect("/model.json", "/model.json");
  LoadOptions options;
  options.max_redirects = 3;
  const std::string url = server.base_url() + "/model.json";
  EXPECT_EQ(LoadModel(url, options).status(),
            absl::UnavailableError("GET " + url + ": more than 3 redirects"));
  EXPECT_EQ(Targets(server.requests(), "GET").size(), 4u);
}

TEST(HttpLoadTest, AStalledServerTimesOut) {
  LoopbackHttpServer server(ModelFiles("/"));
  server.StallResponses(2500);
  LoadOptions options;
  options.read_timeout_ms = 1000;
  const std::string url = server.base_url() + "/model.json";
  EXPECT_EQ(LoadModel(url, options).status(),
            absl::DeadlineExceededError("GET " + url + ": no response within 1000 ms"));
}

TEST(HttpLoadTest, ResponsesOverTheSizeCapAreRefused) {
  // Announced by Content-Length, and found while reading a body that announces nothing.
  for (bool send_content_length : {true, false}) {
    LoopbackHttpServer server(ModelFiles("/"), send_content_length);
    LoadOptions options;
    options.max_response_bytes = 100;
    const std::string url = server.base_url() + "/model.json";
    EXPECT_EQ(LoadModel(url, options).status(),
              absl::ResourceExhaustedError("GET " + url + ": the response is over 100 bytes"))
        << send_content_length;
  }
}

TEST(HttpLoadTest, WorksWithoutContentLength) {
  LoopbackHttpServer server(ModelFiles("/"), /*send_content_length=*/false);
  absl::StatusOr<LoadedModel> model = LoadModel(server.base_url() + "/model.json");
  ASSERT_TRUE(model.ok()) << model.status();
  ExpectModelWeights(*model);
  // Each shard is downloaded once: the size lookup's download is reused.
  EXPECT_THAT(Targets(server.requests(), "GET"),
              ElementsAre("/model.json", "/group1-shard1of2.bin", "/group1-shard2of2.bin"));
}

TEST(HttpLoadTest, MissingShardIsNamed) {
  std::map<std::string, std::string> files = ModelFiles("/");
  files.erase("/group1-shard2of2.bin");
  LoopbackHttpServer server(files);
  absl::StatusOr<LoadedModel> model = LoadModel(server.base_url() + "/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_TRUE(absl::IsNotFound(model.status())) << model.status();
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("/group1-shard2of2.bin' is missing"));
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("HTTP 404"));
}

TEST(HttpLoadTest, TruncatedShardIsNamed) {
  std::map<std::string, std::string> files = ModelFiles("/");
  files["/group1-shard2of2.bin"].pop_back();
  LoopbackHttpServer server(files);
  absl::StatusOr<LoadedModel> model = LoadModel(server.base_url() + "/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("group1-shard2of2.bin' (9 bytes)"));
}

TEST(HttpLoadTest, PathsLeavingTheModelFolderAreRefusedBeforeAnyRequest) {
  std::map<std::string, std::string> files = ModelFiles("/m/");
  std::string manifest_escape = kModelJson;
  manifest_escape.replace(manifest_escape.find("group1-shard1of2.bin"), 20, "../../secret.bin");
  files["/m/model.json"] = manifest_escape;
  files["/secret.bin"] = std::string(6, '\0');
  LoopbackHttpServer server(files);
  absl::StatusOr<LoadedModel> model = LoadModel(server.base_url() + "/m/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(model.status()));
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("'../../secret.bin'"));
  EXPECT_THAT(Targets(server.requests(), "GET"), ElementsAre("/m/model.json"));
  EXPECT_THAT(Targets(server.requests(), "HEAD"), ElementsAre());
}

TEST(HttpLoadTest, LoadWeightsFetchesOnlyTheNamedWeightsShard) {
  LoopbackHttpServer server(ModelFiles("/"));
  absl::StatusOr<ModelJson> model_json = LoadModelJson(server.base_url() + "/model.json");
  ASSERT_TRUE(model_json.ok()) << model_json.status();
  const std::vector<std::string> names = {"q"};
  absl::StatusOr<std::vector<NamedTensor>> weights =
      LoadWeights(model_json->weights_manifest, server.base_url() + "/", names);
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_THAT((*weights)[0].tensor.values<float>(), ElementsAre(-2.0f, 2.5f));
  EXPECT_THAT(Targets(server.requests(), "GET"), ElementsAre("/model.json", "/group1-shard2of2.bin"));
}

}  // namespace
}  // namespace tfjs::io
