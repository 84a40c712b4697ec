namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// A second, independent reading of what pppd and chat see in a file, written the way the C code
/// works: byte by byte with getc/ungetc (pppd's <c>getword()</c> and <c>scan_authfile()</c>) and
/// fgets into a 1024-byte buffer (chat's <c>do_file()</c>). It shares no code with the core's
/// readers, so a property that holds for both is not one reader agreeing with itself.
/// </summary>
/// <remarks>The lab checks the same files with the real binaries (<c>pppd file F dump dryrun</c>).</remarks>
public static class PppdReference
{
    private const int MaxWordLen = 1024; // MAXWORDLEN in pppd.h

    /// <summary>One word as pppd's getword() returns it: the C string, and whether a line break came before it.</summary>
    public readonly record struct Word(byte[] Bytes, bool Newline)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);
    }

    /// <summary>Every word of a file, as successive getword() calls return them.</summary>
    public static List<Word> Words(string text) => Words(Encoding.UTF8.GetBytes(text));

    public static List<Word> Words(byte[] file)
    {
        var reader = new ByteReader(file);
        var words = new List<Word>();
        while (GetWord(reader) is { } word) words.Add(word);
        return words;
    }

    /// <summary>Words paired into options the way options_from_file() does: an option that takes
    /// an argument consumes the next word, whatever line it is on.</summary>
    public static List<(string Name, string? Argument)> Options(string text)
    {
        var words = Words(text);
        var options = new List<(string, string?)>();
        for (var i = 0; i < words.Count; i++)
        {
            var name = words[i].Text;
            if (PppOptionTable.TakesArgument(name) && i + 1 < words.Count) options.Add((name, words[++i].Text));
            else options.Add((name, null));
        }
        return options;
    }

    /// <summary>
    /// The secret scan_authfile() (auth.c) picks for <paramref name="client"/> talking to
    /// <paramref name="server"/>: a word after a line break starts a record; <c>*</c> alone is a
    /// wildcard; a better match (exact client, then exact server) replaces a worse one; on a tie the
    /// first record wins. Returns the secret word, or null when no record matches. A word starting
    /// with <c>@/</c> is not the secret itself: pppd reads the secret from that file.
    /// </summary>
    public static SecretWord? Secret(string text, string client, string server)
    {
        var words = Words(text);
        string? best = null;
        var bestFlag = -1;
        var i = 0;
        while (i < words.Count)
        {
            // Skip to a word at the start of a line.
            while (i < words.Count && !words[i].Newline && i > 0) i++;
            if (i >= words.Count) break;
            var clientWord = words[i++].Text;
            if (i >= words.Count || words[i].Newline) continue;
            var serverWord = words[i++].Text;
            if (i >= words.Count || words[i].Newline) continue;
            var secretWord = words[i++].Text;
            var flag = 0;
            if (clientWord != "*") { if (clientWord != client) { Skip(); continue; } flag |= 2; }
            if (serverWord != "*") { if (serverWord != server) { Skip(); continue; } flag |= 1; }
            if (flag > bestFlag) { best = secretWord; bestFlag = flag; }
            Skip();
        }
        return best is null ? null : new SecretWord(best, best.StartsWith("@/", StringComparison.Ordinal));

        void Skip()
        {
            while (i < words.Count && !words[i].Newline) i++;
        }
    }

    /// <summary>The secret word of the record pppd chose, and whether pppd takes it as a file name.</summary>
    public sealed record SecretWord(string Value, bool IsFileReference);

    /// <summary>One string of a chat script, as do_file() hands it to chat_expect/chat_send.</summary>
    public readonly record struct ChatString(bool IsSend, string Value, int Line);

    /// <summary>
    /// The strings of a chat -f script: lines read with fgets(buf, 1024) (a longer line goes on as
    /// the next "line"), the newline cut, a line starting with '#' skipped, strings split on space
    /// and tab, '...' or "..." quoting to the matching quote (a backslash protects the next byte and
    /// stays in the string), expect and send alternating across lines. An unterminated quote is
    /// chat's fatal error: reported as null.
    /// </summary>
    public static List<ChatString>? ChatStrings(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var strings = new List<ChatString>();
        var send = false;
        var line = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            // fgets: up to 1023 bytes, stopping after a newline.
            var end = position;
            while (end < bytes.Length && end - position < 1023)
            {
                if (bytes[end++] == (byte)'\n') break;
            }
            var buffer = bytes[position..end].ToList();
            position = end;
            line++;
            var newline = buffer.IndexOf((byte)'\n');
            if (newline >= 0) buffer.RemoveRange(newline, buffer.Count - newline);
            var nul = buffer.IndexOf(0);
            if (nul >= 0) buffer.RemoveRange(nul, buffer.Count - nul);
            if (buffer.Count > 0 && buffer[0] == (byte)'#') continue;

            var sp = 0;
            while (sp < buffer.Count)
            {
                if (buffer[sp] is (byte)' ' or (byte)'\t') { sp++; continue; }
                int start;
                if (buffer[sp] is (byte)'"' or (byte)'\'')
                {
                    var quote = buffer[sp++];
                    start = sp;
                    while (true)
                    {
                        if (sp >= buffer.Count) return null;
                        if (buffer[sp] == quote) break;
                        if (buffer[sp++] == (byte)'\\' && sp < buffer.Count) sp++;
                    }
                }
                else
                {
                    start = sp;
                    while (sp < buffer.Count && buffer[sp] is not ((byte)' ' or (byte)'\t')) sp++;
                }
                var value = Encoding.UTF8.GetString(buffer.GetRange(start, sp - start).ToArray());
                if (sp < buffer.Count) sp++; // the terminator (quote, space or tab) becomes the NUL
                strings.Add(new ChatString(send, value, line));
                send = !send;
            }
        }
        return strings;
    }

    private static Word? GetWord(ByteReader f)
    {
        var word = new List<byte>(16);
        var newline = false;
        var escape = false;
        var comment = false;
        int c;

        // First skip white space and comments.
        while (true)
        {
            c = f.Get();
            if (c < 0) break;
            if (c == '\n')
            {
                if (!escape) { newline = true; comment = false; }
                else escape = false;
                continue;
            }
            if (comment) continue;
            if (escape) break;
            if (c == '\\') { escape = true; continue; }
            if (c == '#') { comment = true; continue; }
            if (!IsSpace(c)) break;
        }

        var quoted = 0;
        while (c >= 0)
        {
            if (escape)
            {
                escape = false;
                if (c == '\n') { c = f.Get(); continue; }
                var got = false;
                int value;
                switch (c)
                {
                    case 'a': value = 7; break;
                    case 'b': value = 8; break;
                    case 'f': value = 12; break;
                    case 'n': value = 10; break;
                    case 'r': value = 13; break;
                    case 's': value = ' '; break;
                    case 't': value = 9; break;
                    default:
                        if (c is >= '0' and < '8')
                        {
                            value = 0;
                            for (var n = 0; n < 3 && c is >= '0' and < '8'; n++)
                            {
                                value = (value << 3) + (c & 7);
                                c = f.Get();
                            }
                            got = true;
                            break;
                        }
                        if (c == 'x')
                        {
                            value = 0;
                            c = f.Get();
                            for (var n = 0; n < 2 && IsHex(c); n++)
                            {
                                var digit = char.ToUpperInvariant((char)c) - '0';
                                if (digit > 10) digit += '0' + 10 - 'A';
                                value = (value << 4) + digit;
                                c = f.Get();
                            }
                            got = true;
                            break;
                        }
                        value = c;
                        break;
                }
                if (word.Count < MaxWordLen) word.Add((byte)value);
                if (!got) c = f.Get();
                continue;
            }
            if (c == '\\') { escape = true; c = f.Get(); continue; }
            if (quoted != 0)
            {
                if (c == quoted) { quoted = 0; c = f.Get(); continue; }
            }
            else if (c is '"' or '\'')
            {
                quoted = c;
                c = f.Get();
                continue;
            }
            else if (IsSpace(c) || c == '#')
            {
                f.Unget();
                break;
            }
            if (word.Count < MaxWordLen) word.Add((byte)c);
            c = f.Get();
        }

        if (c < 0 && word.Count == 0) return null;
        var length = Math.Min(word.Count, MaxWordLen - 1);
        var bytes = word.GetRange(0, length).ToArray();
        var nul = Array.IndexOf(bytes, (byte)0);
        return new Word(nul >= 0 ? bytes[..nul] : bytes, newline);
    }

    private static bool IsSpace(int c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static bool IsHex(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private sealed class ByteReader(byte[] bytes)
    {
        private int _position;

        public int Get() => _position < bytes.Length ? bytes[_position++] : -1;

        public void Unget() => _position--;
    }
}
