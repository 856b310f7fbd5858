/// An interpreter for the pickle opcodes that `torch.save` and `torch.jit.save` emit (protocol 2, with the
/// protocol 4 framing and memo opcodes accepted too). It never imports or calls anything: a call of a global
/// is handed to `call`, which builds what it understands and returns nil for the rest, which then stay
/// inert `PickleObject`s. Persistent ids (how PyTorch names storages) are handed to `persistentLoad`.
struct PickleMachine {
    /// The most values the stack may hold, marks the mark stack, and entries the memo: far more than any
    /// PyTorch file needs, few enough that a hostile pickle cannot make the interpreter's own state huge.
    static let maximumStackDepth = 1_000_000, maximumMarks = 100_000, maximumMemoEntries = 1_000_000

    /// Makes the value of a persistent id.
    let persistentLoad: (PickleValue) throws -> PickleValue
    /// The value of calling the global `module.name` with the arguments, or nil to keep the call unevaluated.
    let call: (String, [PickleValue], PickleArena) throws -> PickleValue?

    /// The value of the pickle that starts at `start` in `bytes`, and the position just after its STOP opcode.
    /// Throws a `PickleError` naming the opcode and position of the first problem.
    func run(_ bytes: [UInt8], from start: Int = 0, arena: PickleArena) throws -> (value: PickleValue, end: Int) {
        var cursor = ByteCursor(bytes, at: start, context: "")
        var stack: [PickleValue] = []
        var marks: [Int] = []
        var memo: [Int: PickleValue] = [:]

        func pop() throws -> PickleValue {
            guard let value = stack.popLast(), marks.last.map({ stack.count >= $0 }) ?? true else {
                throw PickleError("the stack is empty")
            }
            return value
        }
        func popToMark() throws -> [PickleValue] {
            guard let mark = marks.popLast() else { throw PickleError("no MARK to pop to") }
            defer { stack.removeSubrange(mark...) }
            return Array(stack[mark...])
        }
        func tuple(_ items: [PickleValue]) -> PickleValue {
            .tuple(arena.keep(PickleContainer(items)))
        }
        func text(_ slice: ArraySlice<UInt8>) throws -> String {
            guard let string = String(validating: slice, as: UTF8.self) else { throw PickleError("a string is not valid UTF-8") }
            return string
        }
        func line() throws -> String {
            guard let end = bytes[cursor.position...].firstIndex(of: 0x0A) else { throw PickleError("a text argument has no end of line") }
            return try text(cursor.take(end - cursor.position + 1, "text line").dropLast())
        }
        func top() throws -> PickleValue {
            guard let value = stack.last, stack.count > marks.last ?? 0 else { throw PickleError("the stack is empty") }
            return value
        }
        func textKey() throws -> Int {
            let digits = try line()
            guard let key = Int(digits) else { throw PickleError("memo key \"\(digits)\" is not an integer") }
            return key
        }
        func recall(_ key: Int) throws -> PickleValue {
            guard let value = memo[key] else { throw PickleError("memo entry \(key) is read before it is written") }
            return value
        }
        func store(_ key: Int) throws {
            guard let top = stack.last else { throw PickleError("nothing on the stack to memoize") }
            memo[key] = top
        }
        func setItems(_ items: [PickleValue], into target: PickleValue) throws {
            guard case .dict(let dict) = target, items.count % 2 == 0 else {
                throw PickleError("SETITEM(S) into \(target.kind) with \(items.count) values")
            }
            for pair in stride(from: 0, to: items.count, by: 2) { dict.entries.append((items[pair], items[pair + 1])) }
        }
        func append(_ items: [PickleValue], to target: PickleValue) throws {
            guard case .list(let list) = target else { throw PickleError("APPEND(S) to \(target.kind)") }
            list.items += items
        }
        func apply(_ callable: PickleValue, _ argument: PickleValue) throws -> PickleValue {
            guard case .global(let module, let name) = callable else { throw PickleError("REDUCE or NEWOBJ calls \(callable.kind)") }
            guard case .tuple(let arguments) = argument else { throw PickleError("\(module).\(name) is called with \(argument.kind), not a tuple") }
            if let value = try call("\(module).\(name)", arguments.items, arena) { return value }
            return .object(arena.keep(PickleObject(type: "\(module).\(name)", arguments: arguments.items)))
        }

        while true {
            guard stack.count <= Self.maximumStackDepth, marks.count <= Self.maximumMarks, memo.count <= Self.maximumMemoEntries else {
                throw PickleError("""
                    the pickle exceeds the interpreter's limits (\(Self.maximumStackDepth) stack values, \(Self.maximumMarks) \
                    marks, \(Self.maximumMemoEntries) memo entries) at byte \(cursor.position)
                    """)
            }
            let at = cursor.position
            let opcode = try cursor.byte("opcode")
            do {
                switch opcode {
                case 0x80: _ = try cursor.byte("protocol")  // PROTO
                case 0x95: _ = try cursor.take(8, "frame length")  // FRAME
                case 0x2E:  // STOP
                    guard stack.count == 1, marks.isEmpty else {
                        throw PickleError("STOP leaves \(stack.count) values and \(marks.count) marks, expected one value")
                    }
                    return (stack[0], cursor.position)
                case 0x28: marks.append(stack.count)  // MARK
                case 0x30: _ = try pop()  // POP
                case 0x31: _ = try popToMark()  // POP_MARK
                case 0x32: let top = try pop(); stack += [top, top]  // DUP
                case 0x4E: stack.append(.none)  // NONE
                case 0x88: stack.append(.bool(true))  // NEWTRUE
                case 0x89: stack.append(.bool(false))  // NEWFALSE
                case 0x4B: stack.append(.int(Int(try cursor.unsigned(1, "BININT1"))))
                case 0x4D: stack.append(.int(Int(try cursor.unsigned(2, "BININT2"))))
                case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try cursor.unsigned(4, "BININT")))))
                case 0x8A, 0x8B:  // LONG1, LONG4
                    let length = try cursor.count(opcode == 0x8A ? 1 : 4, "long length")
                    stack.append(Self.integer(Array(try cursor.take(length, "long"))))
                case 0x49, 0x4C:  // INT, LONG (text)
                    var digits = try line()
                    if opcode == 0x4C, digits.hasSuffix("L") { digits.removeLast() }
                    switch digits {
                    case "01": stack.append(.bool(true))
                    case "00": stack.append(.bool(false))
                    default:
                        guard let value = Int(digits) else { throw PickleError("\"\(digits)\" is not an integer") }
                        stack.append(.int(value))
                    }
                case 0x47: stack.append(.float(Double(bitPattern: try cursor.take(8, "BINFLOAT").reduce(0) { $0 << 8 | UInt64($1) })))
                case 0x46:  // FLOAT (text)
                    let digits = try line()
                    guard let value = Double(digits) else { throw PickleError("\"\(digits)\" is not a float") }
                    stack.append(.float(value))
                case 0x58, 0x8C, 0x8D, 0x54, 0x55:  // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8, BINSTRING, SHORT_BINSTRING
                    let width = [0x58: 4, 0x8C: 1, 0x8D: 8, 0x54: 4, 0x55: 1][opcode]!
                    stack.append(.string(try text(cursor.take(cursor.count(width, "string length"), "string"))))
                case 0x42, 0x43, 0x8E:  // BINBYTES, SHORT_BINBYTES, BINBYTES8
                    let width = [0x42: 4, 0x43: 1, 0x8E: 8][opcode]!
                    stack.append(.bytes(Array(try cursor.take(cursor.count(width, "bytes length"), "bytes"))))
                case 0x29: stack.append(tuple([]))  // EMPTY_TUPLE
                case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                    let count = Int(opcode) - 0x84
                    guard stack.count >= count + (marks.last ?? 0) else { throw PickleError("the stack holds fewer than \(count) values") }
                    let items = Array(stack.suffix(count))
                    stack.removeLast(count)
                    stack.append(tuple(items))
                case 0x74: stack.append(tuple(try popToMark()))  // TUPLE
                case 0x5D: stack.append(.list(arena.keep(PickleContainer())))  // EMPTY_LIST
                case 0x6C: stack.append(.list(arena.keep(PickleContainer(try popToMark()))))  // LIST
                case 0x7D: stack.append(.dict(arena.keep(PickleDictionary())))  // EMPTY_DICT
                case 0x64:  // DICT
                    let dict = PickleValue.dict(arena.keep(PickleDictionary()))
                    try setItems(try popToMark(), into: dict)
                    stack.append(dict)
                case 0x61: let item = try pop(); try append([item], to: try top())  // APPEND
                case 0x65: let items = try popToMark(); try append(items, to: try top())  // APPENDS
                case 0x73: let value = try pop(), key = try pop(); try setItems([key, value], into: try top())  // SETITEM
                case 0x75: let items = try popToMark(); try setItems(items, into: try top())  // SETITEMS
                case 0x71: try store(Int(try cursor.unsigned(1, "BINPUT")))
                case 0x72: try store(try cursor.count(4, "LONG_BINPUT"))
                case 0x70: try store(try textKey())  // PUT
                case 0x94: try store(memo.count)  // MEMOIZE
                case 0x68: stack.append(try recall(Int(try cursor.unsigned(1, "BINGET"))))
                case 0x6A: stack.append(try recall(try cursor.count(4, "LONG_BINGET")))
                case 0x67: stack.append(try recall(try textKey()))  // GET
                case 0x63: stack.append(.global(module: try line(), name: try line()))  // GLOBAL
                case 0x93:  // STACK_GLOBAL
                    guard case .string(let name) = try pop(), case .string(let module) = try pop() else {
                        throw PickleError("STACK_GLOBAL needs a module and a name as strings")
                    }
                    stack.append(.global(module: module, name: name))
                case 0x52, 0x81:  // REDUCE, NEWOBJ
                    let argument = try pop(), callable = try pop()
                    stack.append(try apply(callable, argument))
                case 0x62:  // BUILD
                    let state = try pop()
                    if case .object(let object) = try top() { object.state = state }
                case 0x51: stack.append(try persistentLoad(try pop()))  // BINPERSID
                case 0x50: stack.append(try persistentLoad(.string(try line())))  // PERSID
                default:
                    throw PickleError("unsupported opcode 0x\(String(opcode, radix: 16))")
                }
            } catch let error as DataError {
                throw PickleError("\(error.message) (opcode 0x\(String(opcode, radix: 16)) at byte \(at))")
            } catch let error as PickleError {
                throw PickleError("\(error.problem) (opcode 0x\(String(opcode, radix: 16)) at byte \(at))")
            }
        }
    }

    /// A LONG1/LONG4 integer from its little-endian two's-complement bytes.
    static func integer(_ bytes: [UInt8]) -> PickleValue {
        guard bytes.count <= 8 else { return .bigInt(bytes) }
        guard let last = bytes.last else { return .int(0) }
        var value = UInt64(last & 0x80 != 0 ? UInt64.max : 0)
        for byte in bytes.reversed() { value = value << 8 | UInt64(byte) }
        return .int(Int(Int64(bitPattern: value)))
    }
}
