import Foundation
import Testing
@testable import LatentTensor

@Test func openBLASKernelFamilyFollowsProcessorAndEnvironment() {
    let requested = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
    if let requested {
        #expect(BLASInfo.coreName.lowercased() == requested.lowercased())
    } else if CPUFeatures.hasAVX512 {
        #expect(BLASInfo.coreName == "SkylakeX")
    } else {
        #expect(!BLASInfo.coreName.isEmpty)
    }
}
