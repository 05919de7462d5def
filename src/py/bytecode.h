// Bytecode: one 32-bit word per instruction, opcode in the low 8 bits, argument above.
// Each instruction is a possible yield point for the scheduler (see vm.h).
#pragma once
#include <cstdint>

namespace interleave::py {

#define INTERLEAVE_PY_OPCODES(X)                                                        \
  X(NOP) X(POP_TOP) X(ROT_TWO) X(ROT_THREE) X(DUP_TOP) X(DUP_TOP_TWO)                    \
  X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) X(LOAD_DEREF) X(STORE_DEREF)   \
  X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL) X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME) \
  X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD) X(CALL_METHOD)                \
  X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(BUILD_SLICE)                       \
  X(BINARY_OP) X(INPLACE_OP) X(UNARY_NEG) X(UNARY_POS) X(UNARY_NOT) X(UNARY_INVERT)      \
  X(COMPARE_OP) X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE) X(JUMP_IF_FALSE_OR_POP) \
  X(JUMP_IF_TRUE_OR_POP) X(GET_ITER) X(FOR_ITER)                                         \
  X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(LIST_APPEND) X(SET_ADD)       \
  X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE) X(LIST_TO_TUPLE)                \
  X(UNPACK_SEQUENCE) X(UNPACK_EX) X(CALL_FUNCTION) X(CALL_FUNCTION_KW) X(CALL_FUNCTION_EX) \
  X(MAKE_FUNCTION) X(RETURN_VALUE) X(YIELD_VALUE) X(YF_SEND) X(SETUP_FINALLY)            \
  X(POP_BLOCK) X(POP_EXCEPT) X(RERAISE) X(RAISE_VARARGS) X(EXC_MATCH) X(WITH_EXC_PREP)   \
  X(IMPORT_NAME) X(IMPORT_FROM) X(IMPORT_STAR) X(FORMAT_VALUE) X(BUILD_STRING)           \
  X(LOAD_LOCALS) X(BUILD_CLASS) X(RAISE_ASSERT) X(LOAD_EMPTY) X(GET_AWAITABLE)

enum Op : uint8_t {
#define X(name) name,
  INTERLEAVE_PY_OPCODES(X)
#undef X
  OP_COUNT
};

// Names for disassembly and traces.
const char* op_name(uint8_t op);

// BINARY_OP / INPLACE_OP arguments.
enum BinOp : uint8_t { B_ADD, B_SUB, B_MUL, B_TRUEDIV, B_FLOORDIV, B_MOD, B_POW, B_LSHIFT, B_RSHIFT, B_AND, B_OR, B_XOR, B_MATMUL };
// COMPARE_OP arguments.
enum CmpOp : uint8_t { C_LT, C_LE, C_EQ, C_NE, C_GT, C_GE, C_IN, C_NOT_IN, C_IS, C_IS_NOT };

// MAKE_FUNCTION flags: which optional items sit below the code object on the stack.
enum : uint32_t { MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_CLOSURE = 4 };
// FORMAT_VALUE flags: low 2 bits conversion (0 none, 1 str, 2 repr, 3 ascii), 4 = has spec.
enum : uint32_t { FV_STR = 1, FV_REPR = 2, FV_ASCII = 3, FV_SPEC = 4 };

inline uint32_t make_ins(uint8_t op, uint32_t arg) { return uint32_t(op) | (arg << 8); }
inline uint8_t ins_op(uint32_t w) { return uint8_t(w & 0xFF); }
inline uint32_t ins_arg(uint32_t w) { return w >> 8; }

}  // namespace interleave::py
