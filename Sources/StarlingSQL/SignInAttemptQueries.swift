/// The statements of the sign-in throttle's failed attempts, the same on both engines.
public enum SignInAttemptQueries {
    public static let insert = "INSERT INTO failed_sign_ins (key, at) VALUES (?, ?)"
    public static let forget = "DELETE FROM failed_sign_ins WHERE at < ?"
    public static let since = "SELECT at FROM failed_sign_ins WHERE key = ? AND at >= ? ORDER BY at"
    public static let clear = "DELETE FROM failed_sign_ins WHERE key = ?"
}
