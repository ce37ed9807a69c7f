// Op examples of the tf.data resources made outside datasets (dataset_resources.cc): one graph
// makes each handle and deletes the anonymous memory cache; a value waiting for all of them
// passes. No dataset kernel reads the handles, so their making is what the example checks.
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Graph;
using graph_text::Input;
using graph_text::Int;
using graph_text::Node;
using graph_text::Type;

REGISTER_OP_EXAMPLES(OpExample{
    .op = "AnonymousMemoryCache",
    .inputs = {Fixed(tensorflow::DT_INT32, {2}, {4, 5})},
    .outputs = {Fixed(tensorflow::DT_INT32, {2}, {4, 5})},
    .dtype_attr = "",
    .graph =
        Graph({Input(0, "DT_INT32"), Node("cache", "AnonymousMemoryCache"),
               Node("delete", "DeleteMemoryCache", {"cache:0", "cache:1"}),
               Node("dummy_cache", "DummyMemoryCache"), Node("dummy_seed", "DummySeedGenerator"),
               Node("dummy_counter", "DummyIterationCounter"),
               Node("stats", "StatsAggregatorHandle"), Node("stats_v2", "StatsAggregatorHandleV2"),
               Node("pool", "ThreadPoolHandle", {},
                    {{"num_threads", Int(2)}, {"display_name", "s: \"pool\""}}),
               Node("done", "Identity",
                    {"input_0", "^delete", "^dummy_cache", "^dummy_seed", "^dummy_counter",
                     "^stats", "^stats_v2", "^pool"},
                    {{"T", Type("DT_INT32")}})}),
    .fetches = {"done:0"},
    .other_ops = {"DeleteMemoryCache", "DummyMemoryCache", "DummySeedGenerator",
                  "DummyIterationCounter", "StatsAggregatorHandle", "StatsAggregatorHandleV2",
                  "ThreadPoolHandle"}});

}  // namespace
}  // namespace tfjs::runtime::testing
