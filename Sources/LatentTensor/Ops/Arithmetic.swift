// Element-wise arithmetic with broadcasting; each rule reduces its gradient back to the input's shape.

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        result(Elementwise.zip(a, b, op: "add", Add()), inputs: [a, b]) { c in
            [c.needs(0) ? c.grad.sum(toShape: a.shape) : nil,
             c.needs(1) ? c.grad.sum(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        result(Elementwise.zip(a, b, op: "sub", Subtract()), inputs: [a, b]) { c in
            [c.needs(0) ? c.grad.sum(toShape: a.shape) : nil,
             c.needs(1) ? (-c.grad).sum(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        result(Elementwise.zip(a, b, op: "mul", Multiply()), inputs: [a, b]) { c in
            [c.needs(0) ? (c.grad * b).sum(toShape: a.shape) : nil,
             c.needs(1) ? (c.grad * a).sum(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        result(Elementwise.zip(a, b, op: "div", Divide()), inputs: [a, b]) { c in
            [c.needs(0) ? (c.grad / b).sum(toShape: a.shape) : nil,
             c.needs(1) ? (-c.grad * c.output / b).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        result(Elementwise.map(x, Negate()), inputs: [x]) { c in [-c.grad] }
    }

    public static func + (a: Tensor, b: Float) -> Tensor {
        result(Elementwise.map(a, Shift(shift: b)), inputs: [a]) { c in [c.grad] }
    }

    public static func + (a: Float, b: Tensor) -> Tensor { b + a }

    public static func - (a: Tensor, b: Float) -> Tensor { a + (-b) }

    public static func - (a: Float, b: Tensor) -> Tensor {
        result(Elementwise.map(b, SubtractFrom(minuend: a)), inputs: [b]) { c in [-c.grad] }
    }

    public static func * (a: Tensor, b: Float) -> Tensor {
        result(Elementwise.map(a, ScaleBy(factor: b)), inputs: [a]) { c in [c.grad * b] }
    }

    public static func * (a: Float, b: Tensor) -> Tensor { b * a }

    public static func / (a: Tensor, b: Float) -> Tensor { a * (1 / b) }

    public static func / (a: Float, b: Tensor) -> Tensor {
        result(Elementwise.map(b, DivideInto(dividend: a)), inputs: [b]) { c in [-c.grad * c.output / b] }
    }

    /// Each value raised to `exponent`; for an exponent of 0 the gradient is 0 everywhere, zero included.
    public func pow(_ exponent: Float) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, RaiseTo(exponent: exponent)), inputs: [x]) { c in
            [exponent == 0 ? c.grad * 0 : c.grad * exponent * x.pow(exponent - 1)]
        }
    }

    /// Each value raised to the matching value of `exponent` (broadcast); defined for positive bases.
    public func pow(_ exponent: Tensor) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.zip(x, exponent, op: "pow", Power()), inputs: [x, exponent]) { c in
            [c.needs(0) ? (c.grad * exponent * x.pow(exponent - 1)).sum(toShape: x.shape) : nil,
             c.needs(1) ? (c.grad * c.output * x.log()).sum(toShape: exponent.shape) : nil]
        }
    }

    /// The larger of each pair of values; on ties the gradient is split evenly, as in PyTorch.
    public func maximum(_ other: Tensor) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.zip(x, other, op: "maximum", Maximum()), inputs: [x, other]) { c in
            let pick = Tensor.select(x, other, op: "maximum", MaximumShare())
            return [c.needs(0) ? (c.grad * pick).sum(toShape: x.shape) : nil,
                    c.needs(1) ? (c.grad * (1 - pick)).sum(toShape: other.shape) : nil]
        }
    }

    /// The smaller of each pair of values.
    public func minimum(_ other: Tensor) -> Tensor {
        -((-self).maximum(-other))
    }

    /// A constant 0/1 (or ½ on ties) mask from a comparison, never differentiated.
    static func select<F: BinaryElementFunction>(_ a: Tensor, _ b: Tensor, op: String, _ f: F) -> Tensor {
        Elementwise.zip(a.detached(), b.detached(), op: op, f)
    }
}
