// Op examples of the lookup tables (hash_table.cc) as small graphs, for every value dtype a
// table kernel declares that examples can hold: the static tables filled by LookupTableImport(V2),
// InitializeTable(V2) and InitializeTableFromTextFile(V2), the mutable ones changed by
// LookupTableInsert(V2) and LookupTableRemoveV2, each read by LookupTableFind(V2), Size(V2) and
// Export(V2). Exports list keys in first-insertion order (TF's follow its hash map).
#include "runtime/kernels/control/graph_text.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using graph_text::Const;
using graph_text::Graph;
using graph_text::Input;
using graph_text::Int;
using graph_text::Node;
using graph_text::ShapeAttr;
using graph_text::Str;
using graph_text::Type;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_STRING;

constexpr char kTableGraph[] = R"pb(
  node {
    name: "table"
    op: "HashTableV2"
    attr {
      key: "key_dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value_dtype"
      value { type: $T }
    }
  }
  node {
    name: "input_0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "input_1"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: $T }
    }
  }
  node {
    name: "input_2"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "input_3"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: $T }
    }
  }
  node {
    name: "import"
    op: "LookupTableImportV2"
    input: "table"
    input: "input_0"
    input: "input_1"
    attr {
      key: "Tin"
      value { type: DT_INT64 }
    }
    attr {
      key: "Tout"
      value { type: $T }
    }
  }
  node {
    name: "find"
    op: "LookupTableFindV2"
    input: "table"
    input: "input_2"
    input: "input_3"
    input: "^import"
    attr {
      key: "Tin"
      value { type: DT_INT64 }
    }
    attr {
      key: "Tout"
      value { type: $T }
    }
  }
  node { name: "size" op: "LookupTableSizeV2" input: "table" input: "^import" }
)pb";

// Keys 1, 5, 9 hold 0, 1, 0; key 2 is missing and takes the default 1.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "HashTableV2",
    .inputs = {Fixed(tensorflow::DT_INT64, {3}, {1, 5, 9}), X({3}, {0, 1, 0}),
               Fixed(tensorflow::DT_INT64, {2, 2}, {1, 2, 5, 9}), X({}, {1})},
    .outputs = {X({2, 2}, {0, 1, 1, 0}), Fixed(tensorflow::DT_INT64, {}, {3})},
    .dtype_attr = "value_dtype",
    .graph = kTableGraph,
    .fetches = {"find:0", "size:0"},
    .other_ops = {"LookupTableImportV2", "LookupTableFindV2", "LookupTableSizeV2"}});

ExampleTensor Keys(Shape shape, std::vector<double> keys) {
  return Fixed(DT_INT64, std::move(shape), std::move(keys));
}

// The attrs of a table node: int64 keys, values of the dtype under test.
graph_text::Attrs TableAttrs(graph_text::Attrs more = {}) {
  graph_text::Attrs attrs = {{"key_dtype", Type("DT_INT64")}, {"value_dtype", Type("$T")}};
  attrs.insert(attrs.end(), more.begin(), more.end());
  return attrs;
}
// The attrs of an op on a table: Tin (keys) and Tout (values), or Tkey and Tval.
graph_text::Attrs KeyValueAttrs(const char* key = "Tin", const char* value = "Tout") {
  return {{key, Type("DT_INT64")}, {value, Type("$T")}};
}

// V1 names: InitializeTable fills the table once; LookupTableImport replaces its contents.
// Keys 1, 5, 9 hold 1, 0, 1; after the import only key 2 is left, holding 1.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "HashTable",
    .inputs = {Keys({3}, {1, 5, 9}), X({3}, {1, 0, 1}), Keys({1}, {2}), X({1}, {1}),
               Keys({3}, {1, 5, 2}), X({}, {0})},
    .outputs = {X({3}, {1, 0, 0}), X({3}, {0, 0, 1}), Fixed(DT_INT64, {}, {1})},
    .dtype_attr = "value_dtype",
    .graph = Graph({Node("table", "HashTable", {}, TableAttrs()), Input(0, "DT_INT64"),
                    Input(1, "$T"), Input(2, "DT_INT64"), Input(3, "$T"), Input(4, "DT_INT64"),
                    Input(5, "$T"),
                    Node("init", "InitializeTable", {"table", "input_0", "input_1"},
                         KeyValueAttrs("Tkey", "Tval")),
                    Node("before", "LookupTableFind", {"table", "input_4", "input_5", "^init"},
                         KeyValueAttrs()),
                    Node("import", "LookupTableImport", {"table", "input_2", "input_3", "^before"},
                         KeyValueAttrs()),
                    Node("after", "LookupTableFind", {"table", "input_4", "input_5", "^import"},
                         KeyValueAttrs()),
                    Node("size", "LookupTableSize", {"table", "^import"})}),
    .fetches = {"before:0", "after:0", "size:0"},
    .other_ops = {"InitializeTable", "LookupTableImport", "LookupTableFind", "LookupTableSize"}});

// InitializeTableV2 on an anonymous table.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "AnonymousHashTable",
    .inputs = {Keys({3}, {1, 5, 9}), X({3}, {1, 0, 1}), Keys({2}, {9, 4}), X({}, {0})},
    .outputs = {X({2}, {1, 0}), Fixed(DT_INT64, {}, {3})},
    .dtype_attr = "value_dtype",
    .graph = Graph({Node("table", "AnonymousHashTable", {}, TableAttrs()), Input(0, "DT_INT64"),
                    Input(1, "$T"), Input(2, "DT_INT64"), Input(3, "$T"),
                    Node("init", "InitializeTableV2", {"table", "input_0", "input_1"},
                         KeyValueAttrs("Tkey", "Tval")),
                    Node("find", "LookupTableFindV2", {"table", "input_2", "input_3", "^init"},
                         KeyValueAttrs()),
                    Node("size", "LookupTableSizeV2", {"table", "^init"})}),
    .fetches = {"find:0", "size:0"},
    .other_ops = {"InitializeTableV2"}});

// testdata/vocab.txt: "apple\t3", "banana\t0", "cherry\t1" (the test runs in the workspace root).
constexpr char kVocab[] = "runtime/kernels/control/testdata/vocab.txt";

// Keys from column 0, values from column 1, parsed as the value dtype.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "InitializeTableFromTextFileV2",
    .inputs = {Bytes({}, {kVocab}), Bytes({3}, {"cherry", "apple", "durian"}), X({}, {2})},
    .outputs = {X({3}, {1, 3, 2}), Fixed(DT_INT64, {}, {3})},
    .dtype_attr = "value_dtype",
    .only_dtypes = {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_STRING},
    .graph = Graph({Node("table", "HashTableV2", {},
                         {{"key_dtype", Type("DT_STRING")}, {"value_dtype", Type("$T")}}),
                    Input(0, "DT_STRING"), Input(1, "DT_STRING"), Input(2, "$T"),
                    Node("init", "InitializeTableFromTextFileV2", {"table", "input_0"},
                         {{"key_index", Int(0)}, {"value_index", Int(1)}}),
                    Node("find", "LookupTableFindV2", {"table", "input_1", "input_2", "^init"},
                         {{"Tin", Type("DT_STRING")}, {"Tout", Type("$T")}}),
                    Node("size", "LookupTableSizeV2", {"table", "^init"})}),
    .fetches = {"find:0", "size:0"}});

// The whole line (key_index -2) to its line number (value_index -1), of the first 2 lines.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "InitializeTableFromTextFile",
    .inputs = {Bytes({}, {kVocab}), Bytes({3}, {"banana\t0", "apple\t3", "cherry\t1"})},
    .outputs = {Fixed(DT_INT64, {3}, {1, 0, -1})},
    .dtype_attr = "",
    .graph = Graph({Node("table", "HashTable", {},
                         {{"key_dtype", Type("DT_STRING")}, {"value_dtype", Type("DT_INT64")}}),
                    Input(0, "DT_STRING"), Input(1, "DT_STRING"),
                    Const("default", "DT_INT64", {}, {-1}),
                    Node("init", "InitializeTableFromTextFile", {"table", "input_0"},
                         {{"key_index", Int(-2)},
                          {"value_index", Int(-1)},
                          {"vocab_size", Int(2)},
                          {"delimiter", Str("\\t")}}),
                    Node("find", "LookupTableFind", {"table", "input_1", "default", "^init"},
                         {{"Tin", Type("DT_STRING")}, {"Tout", Type("DT_INT64")}})}),
    .fetches = {"find:0"}});

// Keys 1, 5, 9 take 1, 0, 1; then 9 and 4 take 0 and 1 (9 replaced); then 5 is removed.
std::string MutableGraph(const char* table_op) {
  return Graph(
      {Node("table", table_op, {}, TableAttrs()), Input(0, "DT_INT64"), Input(1, "$T"),
       Input(2, "DT_INT64"), Input(3, "$T"), Input(4, "DT_INT64"), Input(5, "$T"),
       Node("first", "LookupTableInsertV2", {"table", "input_0", "input_1"}, KeyValueAttrs()),
       Node("second", "LookupTableInsertV2", {"table", "input_2", "input_3", "^first"},
            KeyValueAttrs()),
       Node("remove", "LookupTableRemoveV2", {"table", "input_4", "^second"},
            {{"Tin", Type("DT_INT64")}}),
       Node("find", "LookupTableFindV2", {"table", "input_0", "input_5", "^remove"},
            KeyValueAttrs()),
       Node("size", "LookupTableSizeV2", {"table", "^remove"}),
       Node("export", "LookupTableExportV2", {"table", "^remove"},
            {{"Tkeys", Type("DT_INT64")}, {"Tvalues", Type("$T")}})});
}
OpExample MutableExample(const char* table_op) {
  return OpExample{
      .op = table_op,
      .inputs = {Keys({3}, {1, 5, 9}), X({3}, {1, 0, 1}), Keys({2}, {9, 4}), X({2}, {0, 1}),
                 Keys({1}, {5}), X({}, {1})},
      .outputs = {X({3}, {1, 1, 0}), Fixed(DT_INT64, {}, {3}), Keys({3}, {1, 9, 4}),
                  X({3}, {1, 0, 1})},
      .dtype_attr = "value_dtype",
      // Not variant: examples cannot hold it.
      .only_dtypes = {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, tensorflow::DT_BOOL, DT_STRING},
      .graph = MutableGraph(table_op),
      .fetches = {"find:0", "size:0", "export:0", "export:1"},
      .other_ops = {"LookupTableInsertV2", "LookupTableRemoveV2", "LookupTableExportV2"}};
}
REGISTER_OP_EXAMPLES(MutableExample("MutableHashTableV2"),
                     MutableExample("AnonymousMutableHashTable"));

// V1 names: LookupTableInsert, LookupTableExport.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "MutableHashTable",
    .inputs = {Keys({2}, {3, 1}), X({2}, {1, 0})},
    .outputs = {Keys({2}, {3, 1}), X({2}, {1, 0})},
    .dtype_attr = "value_dtype",
    .only_dtypes = {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, tensorflow::DT_BOOL, DT_STRING},
    .graph = Graph(
        {Node("table", "MutableHashTable", {}, TableAttrs()), Input(0, "DT_INT64"), Input(1, "$T"),
         Node("insert", "LookupTableInsert", {"table", "input_0", "input_1"}, KeyValueAttrs()),
         Node("export", "LookupTableExport", {"table", "^insert"},
              {{"Tkeys", Type("DT_INT64")}, {"Tvalues", Type("$T")}})}),
    .fetches = {"export:0", "export:1"},
    .other_ops = {"LookupTableInsert", "LookupTableExport"}});

// Values of shape [2]: keys 5, 6 imported, 7 inserted; 8 is missing.
OpExample OfTensorsExample(const char* table_op, const char* insert_op, const char* find_op) {
  return OpExample{
      .op = table_op,
      .inputs = {Keys({2}, {5, 6}), X({2, 2}, {1, 0, 0, 1}), Keys({1}, {7}), X({1, 2}, {1, 1}),
                 Keys({3}, {6, 7, 8}), X({2}, {0, 0})},
      .outputs = {X({3, 2}, {0, 1, 1, 1, 0, 0}), Keys({3}, {5, 6, 7}),
                  X({3, 2}, {1, 0, 0, 1, 1, 1})},
      .dtype_attr = "value_dtype",
      .graph = Graph(
          {Node("table", table_op, {}, TableAttrs({{"value_shape", ShapeAttr({2})}})),
           Input(0, "DT_INT64"), Input(1, "$T"), Input(2, "DT_INT64"), Input(3, "$T"),
           Input(4, "DT_INT64"), Input(5, "$T"),
           Node("import", "LookupTableImportV2", {"table", "input_0", "input_1"}, KeyValueAttrs()),
           Node("insert", insert_op, {"table", "input_2", "input_3", "^import"}, KeyValueAttrs()),
           Node("find", find_op, {"table", "input_4", "input_5", "^insert"}, KeyValueAttrs()),
           Node("export", "LookupTableExportV2", {"table", "^insert"},
                {{"Tkeys", Type("DT_INT64")}, {"Tvalues", Type("$T")}})}),
      .fetches = {"find:0", "export:0", "export:1"}};
}
REGISTER_OP_EXAMPLES(OfTensorsExample("MutableHashTableOfTensorsV2", "LookupTableInsertV2",
                                      "LookupTableFindV2"),
                     OfTensorsExample("MutableHashTableOfTensors", "LookupTableInsert",
                                      "LookupTableFind"),
                     OfTensorsExample("AnonymousMutableHashTableOfTensors", "LookupTableInsertV2",
                                      "LookupTableFindV2"));

// Dense tables: empty key -1 (and deleted key -2); 7 and 8 inserted, 8 removed (V2 only).
OpExample DenseExample(const char* table_op, bool v2) {
  std::vector<std::string> nodes = {Input(0, "DT_INT64"),
                                    Input(1, "DT_INT64"),
                                    Input(2, "DT_INT64"),
                                    Input(3, "$T"),
                                    Input(4, "DT_INT64"),
                                    Input(5, "$T"),
                                    Node("table", table_op,
                                         v2 ? std::vector<std::string>{"input_0", "input_1"}
                                            : std::vector<std::string>{"input_0"},
                                         TableAttrs()),
                                    Node("insert", v2 ? "LookupTableInsertV2" : "LookupTableInsert",
                                         {"table", "input_2", "input_3"}, KeyValueAttrs())};
  if (v2) {
    nodes.push_back(Node("remove", "LookupTableRemoveV2", {"table", "input_4", "^insert"},
                         {{"Tin", Type("DT_INT64")}}));
  }
  nodes.push_back(Node("find", v2 ? "LookupTableFindV2" : "LookupTableFind",
                       {"table", "input_2", "input_5", v2 ? "^remove" : "^insert"},
                       KeyValueAttrs()));
  nodes.push_back(Node("size", v2 ? "LookupTableSizeV2" : "LookupTableSize",
                       {"table", v2 ? "^remove" : "^insert"}));
  return OpExample{.op = table_op,
                   .name = v2 ? "" : "v1",
                   .inputs = {Keys({}, {-1}), Keys({}, {-2}), Keys({2}, {7, 8}), X({2}, {1, 1}),
                              Keys({1}, {8}), X({}, {0})},
                   .outputs = {X({2}, {1, v2 ? 0.0 : 1.0}), Fixed(DT_INT64, {}, {v2 ? 1.0 : 2.0})},
                   .dtype_attr = "value_dtype",
                   // Not resource or variant: examples cannot hold them.
                   .only_dtypes = {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, tensorflow::DT_BOOL},
                   .graph = Graph(nodes),
                   .fetches = {"find:0", "size:0"}};
}
REGISTER_OP_EXAMPLES(DenseExample("MutableDenseHashTableV2", true),
                     DenseExample("MutableDenseHashTable", false),
                     DenseExample("AnonymousMutableDenseHashTable", true));

}  // namespace
}  // namespace tfjs::runtime::testing
