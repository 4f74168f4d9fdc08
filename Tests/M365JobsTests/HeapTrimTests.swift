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

    /// Once the thresholds are fixed, freeing a large block no longer raises them: a 512 KiB block allocated after an
    /// 8 MiB one was freed still gets a mapping of its own (glibc marks such a chunk with bit 1 of the size word in
    /// front of it), so freeing it gives it back at once instead of leaving it in an arena.
    @Test func fixedThresholdsKeepLargeBlocksInTheirOwnMappings() {
        #expect(HeapTrim.fixThresholds())
        let large = UnsafeMutableRawPointer.allocate(byteCount: 8 << 20, alignment: 16)
        large.storeBytes(of: 1, as: UInt8.self)
        large.deallocate()
        let block = UnsafeMutableRawPointer.allocate(byteCount: 512 << 10, alignment: 16)
        defer { block.deallocate() }
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        #expect(sizeWord & 0x2 != 0, "the 512 KiB block came from an arena")
    }
}
