import Foundation
import LatentData
import Testing

// Symbolic links in image folders (issue 14): links back into the tree are not followed, so loops end, and a file
// reached twice is read once; links out of the tree still are.

@Test func linksBackIntoTheTreeAreNotFollowedAndNoImageIsReadTwice() throws {
    let root = try TestFiles.makeDirectory(), outside = try TestFiles.makeDirectory()
    defer {
        TestFiles.remove(root)
        TestFiles.remove(outside)
    }
    try ImageFolderTests.makeFolder(root + "/digits")
    try PNG.write(ImageFolderTests.colour(10), to: root + "/digits/a.png")
    try PNG.write(ImageFolderTests.colour(20), to: root + "/digits/b.png")
    try PNG.write(ImageFolderTests.colour(30), to: outside + "/c.png")
    let manager = FileManager.default
    // Two links to the class folder itself made the walk branch at every level; one to the root found every image again.
    try manager.createSymbolicLink(atPath: root + "/digits/self1", withDestinationPath: ".")
    try manager.createSymbolicLink(atPath: root + "/digits/self2", withDestinationPath: ".")
    try manager.createSymbolicLink(atPath: root + "/digits/up", withDestinationPath: "..")
    try manager.createSymbolicLink(atPath: root + "/digits/again.png", withDestinationPath: "a.png")
    try manager.createSymbolicLink(atPath: root + "/digits/more", withDestinationPath: outside)

    let folder = try ImageFolder.load(root)
    #expect(folder.classNames == ["digits"])
    #expect(folder.files == [root + "/digits/a.png", root + "/digits/b.png", root + "/digits/more/c.png"])
    #expect(folder.dataset.labels == [0, 0, 0])
}
