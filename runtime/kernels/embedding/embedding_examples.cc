// Op examples of GenerateVocabRemapping and NegTrain, worked by hand.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

// Empty vocabularies (/dev/null): no new entries to remap, none present.
REGISTER_OP_EXAMPLES(OpExample{.op = "GenerateVocabRemapping",
                               .attrs = "attr { key: 'new_vocab_offset' value { i: 0 } } "
                                        "attr { key: 'num_new_vocab' value { i: 0 } }",
                               .inputs = {Bytes({}, {"/dev/null"}), Bytes({}, {"/dev/null"})},
                               .outputs = {Fixed(DT_INT64, {0}, {}), Fixed(DT_INT32, {}, {0})},
                               .dtype_attr = ""});

// No negative samples: example 0 (v_in 0.5) and label 1 (v_out 0) give g = sigmoid(0) = 0.5,
// so w_out[1] = 0.5 * 0.5; v_in takes v_out * g = 0.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "NegTrain",
    .inputs = {Fixed(DT_FLOAT, {2, 1}, {0.5, 0}), Fixed(DT_FLOAT, {2, 1}, {0, 0}),
               Fixed(DT_INT32, {1}, {0}), Fixed(DT_INT32, {1}, {1}), Fixed(DT_FLOAT, {}, {1})},
    .outputs = {Fixed(DT_FLOAT, {2, 1}, {0.5, 0}), Fixed(DT_FLOAT, {2, 1}, {0, 0.25})},
    .dtype_attr = "",
    .graph = R"pb(
      node {
        name: "w_in"
        op: "VariableV2"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
        attr {
          key: "shape"
          value {
            shape {
              dim { size: 2 }
              dim { size: 1 }
            }
          }
        }
      }
      node {
        name: "w_out"
        op: "VariableV2"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
        attr {
          key: "shape"
          value {
            shape {
              dim { size: 2 }
              dim { size: 1 }
            }
          }
        }
      }
      node {
        name: "input_0"
        op: "Placeholder"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "input_1"
        op: "Placeholder"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "input_2"
        op: "Placeholder"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
      }
      node {
        name: "input_3"
        op: "Placeholder"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
      }
      node {
        name: "input_4"
        op: "Placeholder"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "in_init"
        op: "Assign"
        input: "w_in"
        input: "input_0"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "out_init"
        op: "Assign"
        input: "w_out"
        input: "input_1"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "train"
        op: "NegTrain"
        input: "w_in"
        input: "w_out"
        input: "input_2"
        input: "input_3"
        input: "input_4"
        input: "^in_init"
        input: "^out_init"
        attr {
          key: "vocab_count"
          value { list { i: 1 i: 1 } }
        }
        attr {
          key: "num_negative_samples"
          value { i: 0 }
        }
      }
      node {
        name: "in_read"
        op: "Identity"
        input: "w_in"
        input: "^train"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
      }
      node {
        name: "out_read"
        op: "Identity"
        input: "w_out"
        input: "^train"
        attr {
          key: "T"
          value { type: DT_FLOAT }
        }
      }
    )pb",
    .fetches = {"in_read:0", "out_read:0"},
    .other_ops = {"VariableV2", "Assign"}});

}  // namespace
}  // namespace tfjs::runtime::testing
