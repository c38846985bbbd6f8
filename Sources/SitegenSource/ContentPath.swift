/// Joining folder and file names the way every stage shows paths: `.` and empty mean "here".
public enum ContentPath {
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
