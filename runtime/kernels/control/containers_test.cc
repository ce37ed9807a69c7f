// Tests for the stateful containers: mutable and anonymous lookup tables, vocabulary files,
// tensor arrays' V1/V2 forms and gradients, stacks, optionals, tensor maps, mutexes,
// composite-tensor variants and the newer tensor-list ops. Handles and variants pass between
// single-op runs through placeholders.
#include <cstdio>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;
using ::testing::UnorderedElementsAre;

Tensor Only(const absl::StatusOr<std::vector<Tensor>>& outputs, int index = 0) {
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[index] : Tensor();
}

std::string Message(const absl::StatusOr<std::vector<Tensor>>& outputs) {
  EXPECT_FALSE(outputs.ok());
  return std::string(outputs.status().message());
}

constexpr char kIntToFloat[] = R"pb(attr {
                                      key: "key_dtype"
                                      value { type: DT_INT32 }
                                    }
                                    attr {
                                      key: "value_dtype"
                                      value { type: DT_FLOAT }
                                    })pb";

TEST(MutableHashTableTest, InsertFindRemoveExport) {
  const Tensor table = Only(RunOp("MutableHashTableV2", {}, kIntToFloat));
  ASSERT_TRUE(
      RunOp("LookupTableInsertV2", {table, Ints({3}, {1, 2, 3}), Floats({3}, {10, 20, 30})}, "", 0)
          .ok());
  // A second insert replaces a value and adds a key.
  ASSERT_TRUE(
      RunOp("LookupTableInsertV2", {table, Ints({2}, {2, 4}), Floats({2}, {-2, 40})}, "", 0).ok());
  ASSERT_TRUE(RunOp("LookupTableRemoveV2", {table, Ints({2}, {1, 9})}, "", 0).ok());
  EXPECT_THAT(FloatValues(Only(RunOp("LookupTableFindV2",
                                     {table, Ints({2, 2}, {1, 2, 3, 4}), Floats({}, {-1})}, ""))),
              ElementsAre(-1, -2, 30, 40));
  EXPECT_EQ(Only(RunOp("LookupTableSizeV2", {table}, "")).values<int64_t>()[0], 3);
  auto exported = RunOp("LookupTableExportV2", {table},
                        "attr { key: 'Tkeys' value { type: DT_INT32 } } "
                        "attr { key: 'Tvalues' value { type: DT_FLOAT } }",
                        2);
  ASSERT_TRUE(exported.ok()) << exported.status();
  EXPECT_THAT(IntValues((*exported)[0]), ElementsAre(2, 3, 4));
  EXPECT_THAT(FloatValues((*exported)[1]), ElementsAre(-2, 30, 40));
  EXPECT_THAT(
      Message(RunOp("LookupTableInsertV2", {table, Ints({2}, {1, 2}), Floats({1}, {1})}, "", 0)),
      HasSubstr("Expected shape [2] for value, got [1]"));
}

TEST(MutableHashTableTest, OfTensorsHoldsVectors) {
  const Tensor table =
      Only(RunOp("MutableHashTableOfTensorsV2", {},
                 std::string(kIntToFloat) +
                     "attr { key: 'value_shape' value { shape { dim { size: 2 } } } }"));
  ASSERT_TRUE(
      RunOp("LookupTableImportV2", {table, Ints({2}, {5, 6}), Floats({2, 2}, {1, 2, 3, 4})}, "", 0)
          .ok());
  EXPECT_THAT(FloatValues(Only(RunOp("LookupTableFindV2",
                                     {table, Ints({2}, {6, 7}), Floats({2}, {0, -1})}, ""))),
              ElementsAre(3, 4, 0, -1));
}

TEST(MutableHashTableTest, DenseRefusesItsReservedKeys) {
  const std::string attrs =
      std::string(kIntToFloat) + "attr { key: 'value_shape' value { shape { } } }";
  const Tensor table =
      Only(RunOp("MutableDenseHashTableV2", {Ints({}, {-1}), Ints({}, {-2})}, attrs));
  ASSERT_TRUE(
      RunOp("LookupTableInsertV2", {table, Ints({1}, {7}), Floats({1}, {0.5f})}, "", 0).ok());
  EXPECT_THAT(FloatValues(Only(
                  RunOp("LookupTableFindV2", {table, Ints({2}, {7, 8}), Floats({}, {0})}, ""))),
              ElementsAre(0.5f, 0));
  EXPECT_THAT(
      Message(RunOp("LookupTableInsertV2", {table, Ints({1}, {-1}), Floats({1}, {1})}, "", 0)),
      HasSubstr("Using the empty_key as a table key is not allowed"));
  EXPECT_THAT(Message(RunOp("LookupTableRemoveV2", {table, Ints({1}, {-2})}, "", 0)),
              HasSubstr("Using the deleted_key as a table key is not allowed"));
  EXPECT_THAT(Message(RunOp("MutableDenseHashTableV2", {Ints({}, {3}), Ints({}, {3})}, attrs)),
              HasSubstr("Empty and deleted keys must have different values"));
}

TEST(MutableHashTableTest, AnonymousTablesAreNewEachRunAndStaticOnesRefuseInserts) {
  const Tensor first = Only(RunOp("AnonymousMutableHashTable", {}, kIntToFloat));
  const Tensor second = Only(RunOp("AnonymousMutableHashTable", {}, kIntToFloat));
  ASSERT_TRUE(RunOp("LookupTableInsertV2", {first, Ints({1}, {1}), Floats({1}, {1})}, "", 0).ok());
  EXPECT_EQ(Only(RunOp("LookupTableSizeV2", {second}, "")).values<int64_t>()[0], 0);
  const Tensor fixed = Only(RunOp("AnonymousHashTable", {}, kIntToFloat));
  EXPECT_THAT(
      Message(RunOp("LookupTableInsertV2", {fixed, Ints({1}, {1}), Floats({1}, {1})}, "", 0)),
      HasSubstr("not mutable"));
}

TEST(TextFileInitializerTest, ReadsColumnsAndLineNumbers) {
  const std::string path = ::testing::TempDir() + "/vocab.txt";
  std::ofstream(path) << "apple\t3.5\nbanana\t-1\ncherry\t2\n";
  const Tensor table = Only(RunOp("HashTableV2", {},
                                  "attr { key: 'key_dtype' value { type: DT_STRING } } "
                                  "attr { key: 'value_dtype' value { type: DT_INT64 } }"));
  // key: the whole line's first column; value: the line number.
  ASSERT_TRUE(RunOp("InitializeTableFromTextFileV2", {table, Tensor::Strings({}, {path})},
                    "attr { key: 'key_index' value { i: 0 } } "
                    "attr { key: 'value_index' value { i: -1 } }",
                    0)
                  .ok());
  auto found = RunOp("LookupTableFindV2",
                     {table, Tensor::Strings({3}, {"cherry", "apple", "durian"}),
                      testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {-1})},
                     "");
  EXPECT_THAT(Only(found).values<int64_t>(), ElementsAre(2, 0, -1));

  const Tensor floats = Only(RunOp("HashTableV2", {},
                                   "attr { key: 'key_dtype' value { type: DT_STRING } } "
                                   "attr { key: 'value_dtype' value { type: DT_FLOAT } }"));
  EXPECT_THAT(Message(RunOp("InitializeTableFromTextFileV2", {floats, Tensor::Strings({}, {path})},
                            "attr { key: 'key_index' value { i: 0 } } "
                            "attr { key: 'value_index' value { i: 1 } } "
                            "attr { key: 'vocab_size' value { i: 4 } }",
                            0)),
              HasSubstr("Invalid vocab_size"));
  EXPECT_THAT(Message(RunOp("InitializeTableFromTextFileV2", {floats, Tensor::Strings({}, {path})},
                            "attr { key: 'key_index' value { i: 0 } } "
                            "attr { key: 'value_index' value { i: 2 } }",
                            0)),
              HasSubstr("Invalid number of columns"));
  ASSERT_TRUE(RunOp("InitializeTableFromTextFileV2", {floats, Tensor::Strings({}, {path})},
                    "attr { key: 'key_index' value { i: -2 } } "
                    "attr { key: 'value_index' value { i: 1 } } "
                    "attr { key: 'vocab_size' value { i: 2 } }",
                    0)
                  .ok());
  EXPECT_THAT(
      FloatValues(Only(
          RunOp("LookupTableFindV2",
                {floats, Tensor::Strings({2}, {"banana\t-1", "cherry\t2"}), Floats({}, {0})}, ""))),
      ElementsAre(-1, 0));
  std::remove(path.c_str());
}

constexpr char kFloatArray[] = R"pb(attr {
                                      key: "dtype"
                                      value { type: DT_FLOAT }
                                    }
                                    attr {
                                      key: "element_shape"
                                      value { shape { dim { size: 2 } } }
                                    })pb";

TEST(TensorArrayTest, V1AndV2NamesPackUnpackAndGradientsAddUp) {
  for (const char* create : {"TensorArray", "TensorArrayV2"}) {
    const Tensor handle = Only(RunOp(create, {Ints({}, {2})}, kFloatArray));
    const Tensor flow = Floats({}, {0});
    ASSERT_TRUE(RunOp("TensorArrayUnpack", {handle, Floats({2, 2}, {1, 2, 3, 4}), flow},
                      "attr { key: 'T' value { type: DT_FLOAT } }")
                    .ok());
    EXPECT_THAT(FloatValues(Only(RunOp("TensorArrayPack", {handle, flow}, kFloatArray))),
                ElementsAre(1, 2, 3, 4));
    EXPECT_THAT(
        FloatValues(Only(RunOp("TensorArrayReadV2", {handle, Ints({}, {1}), flow}, kFloatArray))),
        ElementsAre(3, 4));
    EXPECT_THAT(
        Message(RunOp("TensorArrayWrite", {handle, Ints({}, {0}), Floats({2}, {0, 0}), flow}, "")),
        HasSubstr("already been written to"));
  }
  const Tensor handle = Only(RunOp("TensorArrayV3", {Ints({}, {2})}, kFloatArray, 2));
  const Tensor flow = Floats({}, {0});
  const Tensor grad = Only(RunOp("TensorArrayGradV3", {handle, flow},
                                 "attr { key: 'source' value { s: 'gradients' } }", 2));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(
        RunOp("TensorArrayWriteV3", {grad, Ints({}, {1}), Floats({2}, {1, 2}), flow}, "").ok());
  }
  EXPECT_THAT(
      FloatValues(Only(RunOp("TensorArrayReadV3", {grad, Ints({}, {1}), flow}, kFloatArray))),
      ElementsAre(2, 4));
  // The same source gives the same gradient array; another source another.
  const Tensor again = Only(RunOp("TensorArrayGradV3", {handle, flow},
                                  "attr { key: 'source' value { s: 'gradients' } }", 2));
  EXPECT_THAT(
      FloatValues(Only(RunOp("TensorArrayReadV3", {again, Ints({}, {1}), flow}, kFloatArray))),
      ElementsAre(2, 4));
  const Tensor shaped = Only(RunOp("TensorArrayGradWithShape", {handle, flow, Ints({1}, {3})},
                                   "attr { key: 'source' value { s: 'other' } }", 2));
  EXPECT_THAT(
      Message(RunOp("TensorArrayWriteV3", {shaped, Ints({}, {0}), Floats({2}, {1, 2}), flow}, "")),
      HasSubstr("does not fit the array's element shape [3,2]"));
}

TEST(StackTest, PushPopInLastInFirstOutOrder) {
  const Tensor stack = Only(RunOp("StackV2", {Ints({}, {2})},
                                  "attr { key: 'elem_type' value { type: DT_FLOAT } } "
                                  "attr { key: 'stack_name' value { s: 's' } }"));
  EXPECT_THAT(FloatValues(Only(RunOp("StackPushV2", {stack, Floats({1}, {1})}, ""))),
              ElementsAre(1));
  ASSERT_TRUE(RunOp("StackPushV2", {stack, Floats({2}, {2, 3})}, "").ok());
  EXPECT_THAT(Message(RunOp("StackPushV2", {stack, Floats({1}, {4})}, "")),
              HasSubstr("Stack[s] overflowed its max_size (2)"));
  EXPECT_THAT(Message(RunOp("StackPushV2", {stack, Ints({1}, {4})}, "")),
              HasSubstr("holds float32"));
  EXPECT_THAT(FloatValues(Only(RunOp("StackPopV2", {stack}, ""))), ElementsAre(2, 3));
  EXPECT_THAT(FloatValues(Only(RunOp("StackPopV2", {stack}, ""))), ElementsAre(1));
  EXPECT_THAT(Message(RunOp("StackPopV2", {stack}, "")), HasSubstr("Stack[s] is empty."));
  ASSERT_TRUE(RunOp("StackCloseV2", {stack}, "", 0).ok());
  EXPECT_THAT(Message(RunOp("StackPushV2", {stack, Floats({1}, {1})}, "")),
              HasSubstr("has already been closed"));
  // V1 names, unbounded.
  const Tensor v1 = Only(RunOp("Stack", {}, "attr { key: 'elem_type' value { type: DT_INT32 } }"));
  ASSERT_TRUE(RunOp("StackPush", {v1, Ints({}, {5})}, "").ok());
  EXPECT_THAT(IntValues(Only(RunOp("StackPop", {v1}, ""))), ElementsAre(5));
  ASSERT_TRUE(RunOp("StackClose", {v1}, "", 0).ok());
}

TEST(OptionalTest, HoldsComponentsOrNothing) {
  const Tensor none = Only(RunOp("OptionalNone", {}, ""));
  EXPECT_FALSE(Only(RunOp("OptionalHasValue", {none}, "")).data<bool>()[0]);
  EXPECT_THAT(Message(RunOp("OptionalGetValue", {none}, "")),
              HasSubstr("The optional variant does not have a value."));
  const Tensor some = Only(RunOp("OptionalFromValue", {Floats({2}, {1, 2}), Ints({}, {3})}, ""));
  EXPECT_TRUE(Only(RunOp("OptionalHasValue", {some}, "")).data<bool>()[0]);
  auto values =
      RunOp("OptionalGetValue", {some},
            "attr { key: 'output_types' value { list { type: DT_FLOAT type: DT_INT32 } } }", 2);
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_THAT(FloatValues((*values)[0]), ElementsAre(1, 2));
  EXPECT_THAT(IntValues((*values)[1]), ElementsAre(3));
  EXPECT_THAT(
      Message(RunOp("OptionalGetValue", {some},
                    "attr { key: 'output_types' value { list { type: DT_INT32 type: DT_INT32 } } }",
                    2)),
      HasSubstr("has dtype float32 but int32 was expected"));
  // A variant of another kind is refused, not misread.
  EXPECT_THAT(Message(RunOp("OptionalHasValue", {Only(RunOp("EmptyTensorMap", {}, ""))}, "")),
              HasSubstr("not an optional"));
}

TEST(TensorMapTest, InsertLookupEraseAndStackKeys) {
  Tensor map = Only(RunOp("EmptyTensorMap", {}, ""));
  for (int key : {3, 1, 2}) {
    map = Only(RunOp("TensorMapInsert", {map, Ints({}, {key}), Floats({1}, {key * 10.f})}, ""));
  }
  map = Only(RunOp("TensorMapInsert", {map, Ints({}, {1}), Floats({2}, {-1, -1})}, ""));
  EXPECT_EQ(Only(RunOp("TensorMapSize", {map}, "")).values<int32_t>()[0], 3);
  EXPECT_THAT(FloatValues(Only(RunOp("TensorMapLookup", {map, Ints({}, {1})}, ""))),
              ElementsAre(-1, -1));
  EXPECT_THAT(Message(RunOp("TensorMapLookup", {map, Ints({}, {9})}, "")),
              HasSubstr("Trying to lookup non-existent key."));
  const Tensor erased = Only(RunOp("TensorMapErase", {map, Ints({}, {3})}, ""));
  EXPECT_FALSE(Only(RunOp("TensorMapHasKey", {erased, Ints({}, {3})}, "")).data<bool>()[0]);
  EXPECT_TRUE(Only(RunOp("TensorMapHasKey", {map, Ints({}, {3})}, "")).data<bool>()[0]);
  EXPECT_THAT(Message(RunOp("TensorMapErase", {erased, Ints({}, {3})}, "")),
              HasSubstr("Trying to erase non-existent item."));
  EXPECT_THAT(IntValues(Only(RunOp("TensorMapStackKeys", {map},
                                   "attr { key: 'key_dtype' value { type: DT_INT32 } }"))),
              UnorderedElementsAre(1, 2, 3));
  // An int64 key 1 is another key than the int32 one.
  EXPECT_FALSE(Only(RunOp("TensorMapHasKey",
                          {map, testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {1})}, ""))
                   .data<bool>()[0]);
}

TEST(MutexTest, ALockHoldsTheMutexWhileItLives) {
  const Tensor mutex = Only(RunOp("MutexV2", {}, ""));
  {
    const Tensor lock = Only(RunOp("MutexLock", {mutex}, ""));
    ASSERT_TRUE(RunOp("ConsumeMutexLock", {lock}, "", 0).ok());
  }
  // The first lock is gone: locking again does not wait.
  const Tensor again = Only(RunOp("MutexLock", {mutex}, ""));
  EXPECT_THAT(Message(RunOp("ConsumeMutexLock", {Only(RunOp("OptionalNone", {}, ""))}, "", 0)),
              HasSubstr("not a mutex lock"));
}

TEST(CompositeTensorVariantTest, RoundTripsComponentsOfOneTypeSpec) {
  const std::string attrs =
      "attr { key: 'metadata' value { s: 'spec' } } "
      "attr { key: 'Tcomponents' value { list { type: DT_FLOAT type: DT_INT32 } } }";
  const Tensor encoded = Only(
      RunOp("CompositeTensorVariantFromComponents", {Floats({1}, {2}), Ints({2}, {3, 4})}, attrs));
  auto components = RunOp("CompositeTensorVariantToComponents", {encoded}, attrs, 2);
  ASSERT_TRUE(components.ok()) << components.status();
  EXPECT_THAT(FloatValues((*components)[0]), ElementsAre(2));
  EXPECT_THAT(IntValues((*components)[1]), ElementsAre(3, 4));
  EXPECT_THAT(Message(RunOp("CompositeTensorVariantToComponents", {encoded},
                            "attr { key: 'metadata' value { s: 'other' } }", 2)),
              HasSubstr("another type spec"));
}

TEST(TensorListTest, ConcatListsElementShapeAndScatterIntoExisting) {
  const std::string floats = "attr { key: 'element_dtype' value { type: DT_FLOAT } }";
  const Tensor a =
      Only(RunOp("TensorListFromTensor", {Floats({2, 2}, {1, 2, 3, 4}), Ints({1}, {-1})},
                 floats + "attr { key: 'shape_type' value { type: DT_INT32 } }"));
  const Tensor b = Only(RunOp("TensorListFromTensor", {Floats({1, 2}, {5, 6}), Ints({1}, {2})},
                              floats + "attr { key: 'shape_type' value { type: DT_INT32 } }"));
  const Tensor joined = Only(RunOp("TensorListConcatLists", {a, b}, floats));
  EXPECT_THAT(FloatValues(Only(RunOp("TensorListStack", {joined, Ints({}, {-1})}, floats))),
              ElementsAre(1, 2, 3, 4, 5, 6));
  EXPECT_THAT(Only(RunOp("TensorListElementShape", {joined},
                         "attr { key: 'shape_type' value { type: DT_INT64 } }"))
                  .values<int64_t>(),
              ElementsAre(2));
  const Tensor unknown = Only(RunOp("EmptyTensorList", {Ints({}, {-1}), Ints({}, {-1})}, floats));
  EXPECT_THAT(IntValues(Only(RunOp("TensorListElementShape", {unknown}, ""))), ElementsAre(-1));
  const Tensor scattered =
      Only(RunOp("TensorListScatterIntoExistingList",
                 {a, Floats({2, 2}, {7, 8, 9, 9}), Ints({2}, {3, 0})}, floats));
  auto stacked = RunOp("TensorListLength", {scattered}, "");
  EXPECT_EQ(Only(stacked).values<int32_t>()[0], 4);
  EXPECT_THAT(FloatValues(Only(
                  RunOp("TensorListGetItem", {scattered, Ints({}, {0}), Ints({1}, {2})}, floats))),
              ElementsAre(9, 9));
  const Tensor ints = Only(RunOp("TensorListFromTensor", {Ints({1, 2}, {5, 6}), Ints({1}, {2})},
                                 "attr { key: 'element_dtype' value { type: DT_INT32 } }"));
  EXPECT_THAT(Message(RunOp("TensorListConcatLists", {a, ints}, floats)),
              HasSubstr("differing element_dtypes"));
}

}  // namespace
}  // namespace tfjs::runtime
