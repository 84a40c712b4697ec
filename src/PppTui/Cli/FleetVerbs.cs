using System.CommandLine;

namespace PppTui.Cli;

/// <summary>
/// Profiles as portable TOML for fleets: <c>ppptui export NAME</c>, and
/// <c>ppptui import --toml FILE...</c> (the options live on the import verb; the work is here).
/// Passwords travel only through stdin or a root-only secrets file, never inline.
/// </summary>
public static class FleetVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        yield return Export(app);
    }

    private static Command Export(CliApp app)
    {
        var names = new Argument<string[]>("NAME") { Description = Msg.T("Profiles to export (all when none given)"), Arity = ArgumentArity.ZeroOrMore };
        var dir = new Option<string?>("--dir") { Description = Msg.T("Write NAME.toml files into DIR instead of printing"), HelpName = "DIR" };
        var command = new Command("export", Msg.T("Print a profile as TOML (never a password), to copy to other machines")) { names, dir };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var service = new ProfileService(ctx.Paths);
            var exchange = new ProfileExchange(service);
            var wanted = parse.GetValue(names) is { Length: > 0 } given ? given : service.List().Profiles.Select(p => p.Name).ToArray();
            var target = parse.GetValue(dir);
            if (target is null && !ctx.Json && wanted.Length != 1)
                return ctx.Fail(ExitCodes.Usage, Msg.F("export prints one profile; give one NAME, or --dir DIR for {0} files", wanted.Length));
            var exported = wanted.Select(n => (Name: n, Toml: exchange.Export(n))).ToList();
            if (target is not null)
            {
                Directory.CreateDirectory(target);
                foreach (var (n, toml) in exported)
                {
                    var path = Path.Join(target, n + ".toml");
                    File.WriteAllText(path, toml);
                    if (!ctx.Json) ctx.Out.WriteLine(Msg.F("wrote {0}", path));
                }
            }
            if (ctx.Json)
                ctx.Out.WriteLine(ProfileJson.Write(new JsonArray(exported.Select(e => (JsonNode?)new JsonObject
                {
                    ["name"] = e.Name,
                    ["toml"] = e.Toml,
                    ["file"] = target is null ? null : Path.Join(target, e.Name + ".toml"),
                }).ToArray())));
            else if (target is null)
                ctx.Out.Write(exported[0].Toml);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The options <c>import</c> gains for TOML files.</summary>
    public sealed class TomlImportOptions
    {
        public Option<string[]> Toml { get; } = new("--toml")
        {
            Description = Msg.T("Import profiles from TOML files (from 'ppptui export') and apply them"),
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = Msg.T("With --toml and one file: read its password from stdin") };
        public Option<string?> SecretsFile { get; } = new("--secrets-file") { Description = Msg.T("With --toml: passwords from a mode-0600 file of 'NAME.password=...' lines"), HelpName = "FILE" };
        public Option<bool> NoApply { get; } = new("--no-apply") { Description = Msg.T("With --toml: store the profiles only (no password allowed)") };
        public Option<bool> Force { get; } = new("--force") { Description = Msg.T("With --toml: overwrite files changed on disk since ppptui wrote them") };

        public void AddTo(Command command)
        {
            command.Options.Add(Toml);
            command.Options.Add(PasswordStdin);
            command.Options.Add(SecretsFile);
            command.Options.Add(NoApply);
            command.Options.Add(Force);
        }

        public bool Requested(ParseResult parse) => parse.GetValue(Toml) is { Length: > 0 };
    }

    /// <summary><c>ppptui import --toml FILE... [--replace]</c>: validate all, then store and apply each.</summary>
    public static int ImportToml(CliContext ctx, ParseResult parse, TomlImportOptions options, bool replace, string[] peerNames)
    {
        if (peerNames.Length > 0)
            return ctx.Fail(ExitCodes.Usage, Msg.T("give either peers names or --toml FILE..., not both"));
        var files = new List<(string, string)>();
        foreach (var path in parse.GetValue(options.Toml)!)
        {
            if (!File.Exists(path)) return ctx.Fail(ExitCodes.NotFound, Msg.F("{0} does not exist", path));
            files.Add((path, Core.Files.TextFile.ReadOrNull(path) ?? ""));
        }
        var names = files.Select(f => ProfileExchange.Parse(f.Item2, f.Item1).Name).ToList();
        var secrets = new Dictionary<string, ProfileSecrets>(StringComparer.Ordinal);
        var fromStdin = parse.GetValue(options.PasswordStdin);
        var secretsFile = parse.GetValue(options.SecretsFile);
        if (fromStdin && secretsFile is not null)
            return ctx.Fail(ExitCodes.Usage, Msg.T("use --password-stdin or --secrets-file, not both"));
        if (fromStdin)
        {
            if (names.Count != 1) return ctx.Fail(ExitCodes.Usage, Msg.T("--password-stdin needs exactly one --toml file; use --secrets-file for several"));
            secrets[names[0]] = new ProfileSecrets { Password = SecretInput.Read(ctx.IO, "password") };
        }
        else if (secretsFile is not null)
        {
            secrets = ProfileExchange.ReadSecretsFile(secretsFile, names.Count == 1 ? names[0] : null);
        }
        try
        {
            var results = new ProfileExchange(new ProfileService(ctx.Paths))
                .Import(files, secrets, replace, apply: !parse.GetValue(options.NoApply), force: parse.GetValue(options.Force));
            if (ctx.Json)
            {
                ctx.Out.WriteLine(ProfileJson.Write(new JsonArray(results.Select(r => (JsonNode?)new JsonObject
                {
                    ["profile"] = r.Name,
                    ["source"] = r.SourceFile,
                    ["outcome"] = r.Outcome,
                    ["applied"] = r.Applied is not null,
                    ["changed"] = r.Outcome != "unchanged" || (r.Applied?.ChangedAnything ?? false),
                    ["written"] = new JsonArray((r.Applied?.Files.Where(f => f.Written).Select(f => (JsonNode?)JsonValue.Create(f.SystemPath)) ?? []).ToArray()),
                }).ToArray())));
                return ExitCodes.Ok;
            }
            foreach (var r in results)
            {
                var files2 = r.Applied?.Files.Where(f => f.Written).Select(f => f.SystemPath).ToList() ?? [];
                var applied = r.Applied is null ? Msg.F("stored only (apply later with 'ppptui apply {0}')", r.Name)
                    : files2.Count == 0 ? Msg.T("files already match") : Msg.F("wrote {0}", string.Join(", ", files2));
                ctx.Out.WriteLine(Msg.F("{0}: {1} from {2}; {3}", r.Name, r.Outcome, r.SourceFile, applied));
            }
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var s in secrets.Values) s.Clear();
        }
    }
}
