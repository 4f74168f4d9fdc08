import M365Jobs
import Testing

@Suite struct HeapTrimTests {
    /// 96 MiB freed in small blocks stays resident (the allocator keeps it) until the trim gives it back.
    @Test func theTrimGivesFreedMemoryBack() throws {
        let blockSize = 4_096
        let blocks = (0..<(96 << 20) / blockSize).map { _ in
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: blockSize)
            return block
        }
        // The last block stays allocated, so free() alone cannot shrink the heap from its top.
        let kept = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { kept.deallocate() }
        for block in blocks { block.deallocate() }
        let trim = HeapTrim.releaseFreeMemory()
        let before = try #require(trim.residentBefore)
        let after = try #require(trim.residentAfter)
        #expect(before - after > 48 << 10, "resident before \(before) KiB, after \(after) KiB")
    }
}
