#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning rate as a function of the step (or epoch) count, starting at 0; set an optimizer's
/// `learningRate` from it before each step. Values follow PyTorch's schedulers' closed forms.
public protocol LearningRateSchedule {
    /// The learning rate at `step`.
    func learningRate(at step: Int) -> Float
}

/// The base learning rate multiplied by `gamma` every `stepSize` steps, as PyTorch's `StepLR`:
/// `lr = base · gamma^⌊step / stepSize⌋`.
public struct StepLR: LearningRateSchedule, Sendable {
    public var baseLearningRate: Float
    public var stepSize: Int
    public var gamma: Float

    public init(baseLearningRate: Float, stepSize: Int, gamma: Float = 0.1) {
        precondition(stepSize > 0, "StepLR: stepSize must be positive, got \(stepSize)")
        self.baseLearningRate = baseLearningRate
        self.stepSize = stepSize
        self.gamma = gamma
    }

    public func learningRate(at step: Int) -> Float {
        Float(Double(baseLearningRate) * pow(Double(gamma), Double(step / stepSize)))
    }
}

/// A half cosine from the base learning rate down to `etaMin` over `tMax` steps, as the closed form of
/// PyTorch's `CosineAnnealingLR`: `lr = etaMin + (base − etaMin)·(1 + cos(π·step / tMax)) / 2`.
public struct CosineAnnealingLR: LearningRateSchedule, Sendable {
    public var baseLearningRate: Float
    public var tMax: Int
    public var etaMin: Float

    public init(baseLearningRate: Float, tMax: Int, etaMin: Float = 0) {
        precondition(tMax > 0, "CosineAnnealingLR: tMax must be positive, got \(tMax)")
        self.baseLearningRate = baseLearningRate
        self.tMax = tMax
        self.etaMin = etaMin
    }

    public func learningRate(at step: Int) -> Float {
        let low = Double(etaMin), high = Double(baseLearningRate)
        return Float(low + (high - low) * (1 + cos(Double.pi * Double(step) / Double(tMax))) / 2)
    }
}

/// A linear ramp from `startFactor · base` to the base learning rate over `warmupSteps` steps, then the
/// base rate, as PyTorch's `LinearLR` with `end_factor = 1`:
/// `lr = base · (startFactor + (1 − startFactor)·min(step, warmupSteps) / warmupSteps)`.
public struct LinearWarmup: LearningRateSchedule, Sendable {
    public var baseLearningRate: Float
    public var warmupSteps: Int
    public var startFactor: Float

    /// A warmup with PyTorch `LinearLR`'s default start factor of 1/3 unless given.
    public init(baseLearningRate: Float, warmupSteps: Int, startFactor: Float = 1.0 / 3.0) {
        precondition(warmupSteps >= 0, "LinearWarmup: warmupSteps must not be negative, got \(warmupSteps)")
        self.baseLearningRate = baseLearningRate
        self.warmupSteps = warmupSteps
        self.startFactor = startFactor
    }

    public func learningRate(at step: Int) -> Float {
        guard warmupSteps > 0 else { return baseLearningRate }
        let progress = Double(Swift.min(step, warmupSteps)) / Double(warmupSteps)
        let start = Double(startFactor)
        return Float(Double(baseLearningRate) * (start + (1 - start) * progress))
    }

    /// This warmup for its `warmupSteps` steps, then `schedule` counted from 0.
    public func followed<Next: LearningRateSchedule>(by schedule: Next) -> SequentialLR<LinearWarmup, Next> {
        SequentialLR(first: self, then: schedule, milestone: warmupSteps)
    }
}

/// One schedule before `milestone` and another from it on, restarted at 0, as PyTorch's `SequentialLR`
/// with two schedulers (for example a warmup followed by cosine annealing).
public struct SequentialLR<First: LearningRateSchedule, Second: LearningRateSchedule>: LearningRateSchedule {
    public var first: First
    public var second: Second
    public var milestone: Int

    public init(first: First, then second: Second, milestone: Int) {
        precondition(milestone >= 0, "SequentialLR: milestone must not be negative, got \(milestone)")
        self.first = first
        self.second = second
        self.milestone = milestone
    }

    public func learningRate(at step: Int) -> Float {
        step < milestone ? first.learningRate(at: step) : second.learningRate(at: step - milestone)
    }
}

extension SequentialLR: Sendable where First: Sendable, Second: Sendable {}

/// The base learning rate for `constantSteps` steps, then falling linearly over `decaySteps` steps, as the
/// `LambdaLR` rule of the official CycleGAN and pix2pix code (counted in steps rather than epochs):
/// `lr = base · (1 − max(0, step + 1 − constantSteps) / (decaySteps + 1))`, never below 0.
public struct LinearDecayLR: LearningRateSchedule, Sendable {
    public var baseLearningRate: Float
    public var constantSteps: Int
    public var decaySteps: Int

    /// The schedule; stops when a count is negative.
    public init(baseLearningRate: Float, constantSteps: Int, decaySteps: Int) {
        precondition(constantSteps >= 0 && decaySteps >= 0,
                     "LinearDecayLR: step counts must not be negative, got \(constantSteps) and \(decaySteps)")
        self.baseLearningRate = baseLearningRate
        self.constantSteps = constantSteps
        self.decaySteps = decaySteps
    }

    /// The schedule, or nil where `decaySteps` is 0 and the rate stays at `baseLearningRate` (the options
    /// `n_steps_decay=0` and their kind).
    public static func falling(baseLearningRate: Float, constantSteps: Int, decaySteps: Int) -> LinearDecayLR? {
        decaySteps > 0 ? LinearDecayLR(baseLearningRate: baseLearningRate, constantSteps: constantSteps, decaySteps: decaySteps) : nil
    }

    public func learningRate(at step: Int) -> Float {
        let decayed = Double(Swift.max(0, step + 1 - constantSteps)) / Double(decaySteps + 1)
        return Float(Double(baseLearningRate) * Swift.max(0, 1 - decayed))
    }
}
