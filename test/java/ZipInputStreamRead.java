// Reads a zip with java.util.zip.ZipInputStream, the streaming reader EU DSS uses for containers held in memory,
// and prints one line per entry: name, size read, SHA-256 of the bytes read (hex), tab-separated.
// A stored entry with a data descriptor makes ZipInputStream throw ZipException: the exit status is then 1.
// Run as a single source file: java test/java/ZipInputStreamRead.java FILE
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class ZipInputStreamRead {
  public static void main(String[] args) throws Exception {
    try (InputStream file = new FileInputStream(args[0]); ZipInputStream zip = new ZipInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          sha.update(buffer, 0, n);
          size += n;
        }
        System.out.println(entry.getName() + "\t" + size + "\t" + HexFormat.of().formatHex(sha.digest()));
      }
    } catch (java.util.zip.ZipException e) {
      System.err.println("ZipInputStream refused the archive: " + e.getMessage());
      System.exit(1);
    }
  }
}
