import LatentData
import Testing

@Suite struct MD5Tests {
    @Test func matchesRFC1321TestSuite() {
        #expect(MD5.hexDigest([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hexDigest(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hexDigest(Array("message digest".utf8)) == "f96b697d7cb7938d525a2f31aaf161d0")
        let digits = String(repeating: "1234567890", count: 8)
        #expect(MD5.hexDigest(Array(digits.utf8)) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func lengthsAroundThePaddingBoundaryMatchMd5sum() {
        // Digests printed by coreutils' md5sum for 55, 56, 64 and 1,000,000 letters "a".
        #expect(MD5.hexDigest([UInt8](repeating: 0x61, count: 55)) == "ef1772b6dff9a122358552954ad0df65")
        #expect(MD5.hexDigest([UInt8](repeating: 0x61, count: 56)) == "3b0c8ac703f828b04c6c197006d17218")
        #expect(MD5.hexDigest([UInt8](repeating: 0x61, count: 64)) == "014842d480b571495a4a0363793f7367")
        #expect(MD5.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)) == "7707d6ae4e027c70eea2a935c2296f21")
    }
}
