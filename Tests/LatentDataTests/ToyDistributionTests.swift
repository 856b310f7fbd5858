import LatentData
import LatentTensor
import Testing

@Suite struct ToyDistributionTests {
    @Test func ringCentresAndSpread() {
        let ring = ToyDistribution.ring()
        let centres = ring.centres
        #expect(centres.shape == [8, 2])
        let c = centres.values
        for mode in 0..<8 {
            let radius = (c[2 * mode] * c[2 * mode] + c[2 * mode + 1] * c[2 * mode + 1]).squareRoot()
            #expect(abs(radius - 2) < 1e-5)
        }
        #expect(abs(c[0] - 2) < 1e-6 && abs(c[1]) < 1e-6)
        var generator = RandomGenerator(seed: 1)
        let (points, modes) = ring.sample(4000, generator: &generator)
        #expect(points.shape == [4000, 2])
        let nearest = ring.nearestCentres(points)
        #expect(nearest.modes == modes)
        // The distance to the centre of a 2-D Gaussian has mean σ·√(π/2).
        let meanDistance = nearest.distances.reduce(0, +) / 4000
        let expected: Float = 0.02 * (Float.pi / 2).squareRoot()
        #expect(abs(meanDistance - expected) < 0.002)
        for mode in 0..<8 {
            let share = Float(modes.filter { $0 == mode }.count) / 4000
            #expect(abs(share - 0.125) < 0.03)
        }
    }

    @Test func gridCentresAndSpread() {
        let grid = ToyDistribution.grid()
        let c = grid.centres.values
        #expect(c.count == 50)
        #expect(Set(c) == [-4, -2, 0, 2, 4])
        var generator = RandomGenerator(seed: 2)
        let (points, modes) = grid.sample(5000, generator: &generator)
        let nearest = grid.nearestCentres(points)
        #expect(nearest.modes == modes)
        let meanDistance = nearest.distances.reduce(0, +) / 5000
        let expected: Float = 0.05 * (Float.pi / 2).squareRoot()
        #expect(abs(meanDistance - expected) < 0.004)
        #expect(Set(modes).count == 25)
    }

    @Test func swissRollLiesOnTheRoll() {
        let roll = ToyDistribution.swissRoll()
        #expect(roll.centres.shape == [ToyDistribution.swissRollCentreCount, 2])
        var generator = RandomGenerator(seed: 3)
        let (points, _) = roll.sample(2000, generator: &generator)
        let distances = roll.nearestCentres(points).distances
        let meanDistance = distances.reduce(0, +) / 2000
        #expect(meanDistance < 0.03)
        let extent = points.values.map(abs).max() ?? 0
        #expect(extent > 1.5 && extent < 2.1)
    }

    @Test func samplingIsSeeded() {
        for distribution in [ToyDistribution.ring(), .grid(), .swissRoll()] {
            var first = RandomGenerator(seed: 11), second = RandomGenerator(seed: 11), other = RandomGenerator(seed: 12)
            let a = distribution.sample(100, generator: &first), b = distribution.sample(100, generator: &second)
            #expect(a.points.values == b.points.values && a.modes == b.modes)
            #expect(distribution.sample(100, generator: &other).points.values != a.points.values)
        }
    }
}
