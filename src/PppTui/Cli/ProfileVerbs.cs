using System.CommandLine;

namespace PppTui.Cli;

/// <summary>Profile verbs: list, show, new, set, delete, import, preview, diff, apply, effective.</summary>
public static class ProfileVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        yield return List(app);
        yield return Show(app);
        yield return New(app);
        yield return Set(app);
        yield return Delete(app);
        yield return Import(app);
        yield return Preview(app);
        yield return Diff(app);
        yield return Apply(app);
        yield return Effective(app);
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = Msg.T("Profile name (the peers file name)") };

    private static ProfileService Service(CliContext ctx) => new(ctx.Paths);

    private static Command List(CliApp app)
    {
        var command = new Command("list", Msg.T("List every profile, and peers files not imported yet"));
        command.SetAction(parse =>
        {
            var ctx = app.ContextFor(parse);
            return CliErrors.Guard(ctx, () =>
            {
                var service = Service(ctx);
                var catalog = service.List();
                var notImported = service.NotImported(catalog, out var peersDenied);
                if (ctx.Json)
                {
                    var o = new JsonObject
                    {
                        ["profiles"] = new JsonArray(catalog.Profiles.Select(p => (JsonNode?)new JsonObject
                        {
                            ["name"] = p.Name,
                            ["kind"] = ProfileToml.KindName(p.Kind),
                            ["description"] = p.Description,
                            ["peers_file"] = File.Exists(ctx.Paths.PeerFile(p.Name)),
                        }).ToArray()),
                        ["not_imported"] = new JsonArray(notImported.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                        ["problems"] = new JsonArray(catalog.Problems.Select(p => (JsonNode?)JsonValue.Create(p.ToString())).ToArray()),
                    };
                    ctx.Out.WriteLine(ProfileJson.Write(o));
                }
                else
                {
                    if (catalog.Profiles.Count == 0 && notImported.Count == 0)
                        ctx.Out.WriteLine(Msg.T("No profiles. Create one with 'ppptui new NAME --kind pptp|pppoe|modem', or import peers files with 'ppptui import'."));
                    foreach (var p in catalog.Profiles)
                        ctx.Out.WriteLine($"{p.Name,-20} {ProfileToml.KindName(p.Kind),-7} {p.Description}");
                    foreach (var n in notImported)
                        ctx.Out.WriteLine($"{n,-20} {"-",-7} " + Msg.F("/etc/ppp/peers/{0} (not imported: ppptui import {0})", n));
                }
                foreach (var problem in catalog.Problems)
                    CliErrors.Write(ctx.Error, ctx.Json, new CliError(ExitCodes.Invalid, problem.ToString(), Msg.T("Fix the file (it is plain TOML), or delete it."),
                        problem.Message, problem.File, problem.Line > 0 ? problem.Line : null));
                if (peersDenied is not null) return CliErrors.Report(ctx, peersDenied);
                return catalog.Problems.Count > 0 ? ExitCodes.Invalid : ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Show(CliApp app)
    {
        var name = NameArgument();
        var command = new Command("show", Msg.T("Show a profile's settings")) { name };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var service = Service(ctx);
            var profile = service.Load(parse.GetValue(name)!);
            var secretsFile = FindSecretsFile(service, profile, out var unreadable);
            var inherited = InheritedOrNone(service, profile.Name);
            if (ctx.Json)
            {
                var json = ProfileJson.Profile(profile, secretsFile);
                json["inherited"] = new JsonArray(inherited.Select(i => (JsonNode?)new JsonObject
                {
                    ["field"] = i.FieldKey, ["option"] = i.Text, ["source"] = i.Option.Source,
                }).ToArray());
                ctx.Out.WriteLine(ProfileJson.Write(json));
                return ExitCodes.Ok;
            }
            var draft = new ProfileDraft(profile);
            // The keys stay as typed (they are the --KEY options of 'set').
            ctx.Out.WriteLine("name".PadRight(18) + " " + profile.Name);
            ctx.Out.WriteLine("kind".PadRight(18) + " " + KindRegistry.Get(profile.Kind).DisplayName);
            foreach (var field in ProfileFields.For(profile.Kind))
            {
                var value = field.Type == FieldType.Secret
                    ? field.Key == "password"
                        ? secretsFile is not null ? Msg.F("(set, in {0})", secretsFile)
                        : service.Renderer.PeersFileHoldsPassword(profile.Name) ? Msg.F("(set, by the password option in /etc/ppp/peers/{0})", profile.Name)
                        : unreadable is not null ? Msg.F("(unknown: {0} is readable by root only)", unreadable) : Msg.T("(not set)")
                        : Msg.T("(not shown)")
                    : field.Get(draft);
                if (!string.IsNullOrEmpty(value)) ctx.Out.WriteLine($"{field.Key,-18} {TerminalSafeWriter.OneLine(value)}");
                // What pppd takes from another file on top of the profile's own value, with where.
                foreach (var from in inherited.Where(i => i.FieldKey == field.Key))
                    ctx.Out.WriteLine($"{field.Key,-18} {Msg.F("inherited: {0} from {1}", from.Text, from.Option.Source)}");
            }
            var refused = ProfileJson.Refused(profile.Ppp).ToList();
            if (refused.Count > 0) ctx.Out.WriteLine("refuse".PadRight(18) + " " + string.Join(", ", refused));
            foreach (var extra in profile.ExtraOptions) ctx.Out.WriteLine("option".PadRight(18) + " " + TerminalSafeWriter.OneLine(extra));
            return ExitCodes.Ok;
        });
        return command;
    }

    // show still shows the profile when a file pppd reads on top of it cannot be read (permissions).
    private static IReadOnlyList<InheritedSetting> InheritedOrNone(ProfileService service, string name)
    {
        try { return service.Inherited(name); }
        catch (Core.PppTuiException) { return []; }
    }

    private static string? FindSecretsFile(ProfileService service, Profile profile, out string? unreadable) =>
        service.Importer.FindSecret(profile, out unreadable) is ({ } file, { } line) ? $"{file}:{line}" : null;

    /// <summary>The field options of new/set, one per editable field (secrets come from stdin only).</summary>
    private sealed class FieldOptions
    {
        /// <summary>One option per field key: kinds may share a key (<c>--server</c>), each kind its own field.</summary>
        public List<(IReadOnlyList<ProfileField> Fields, Option<string> Option)> Fields { get; } = [];
        public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = Msg.T("Read the password from stdin (a masked prompt on a terminal)") };
        public Option<bool> PinStdin { get; } = new("--pin-stdin") { Description = Msg.T("Read the SIM PIN from stdin (after the password, if both)") };
        public Option<bool> PskStdin { get; } = new("--psk-stdin") { Description = Msg.T("Read the IPsec pre-shared key from stdin (after the password, if both)") };
        public Option<string[]> AddOption { get; } = new("--add-option") { Description = Msg.T("Add a pppd option line kept verbatim (e.g. 'asyncmap 0')"), AllowMultipleArgumentsPerToken = false };
        public Option<string[]> RemoveOption { get; } = new("--remove-option") { Description = Msg.T("Remove an extra option by name") };

        public FieldOptions()
        {
            foreach (var group in ProfileFields.All.Where(f => f.Type != FieldType.Secret).GroupBy(f => f.Key))
            {
                var field = group.First();
                var help = string.Join("; ", group.Select(f => f.ShownHelp + (f.Choices is { } c ? $" ({string.Join("|", c)})" : "") +
                           (f.Kinds is { } k ? $" [{string.Join(", ", k.Select(ProfileToml.KindName))}]" : "")));
                Fields.Add((group.ToList(), new Option<string>("--" + field.Key) { Description = help, HelpName = field.Type == FieldType.Number ? "N" : "VALUE" }));
            }
        }

        public void AddTo(Command command)
        {
            foreach (var (_, option) in Fields) command.Options.Add(option);
            command.Options.Add(PasswordStdin);
            command.Options.Add(PinStdin);
            command.Options.Add(PskStdin);
            command.Options.Add(AddOption);
            command.Options.Add(RemoveOption);
        }

        /// <summary>Applies the given options to a draft; returns the errors of values that did not parse.</summary>
        public List<FieldError> ApplyTo(ParseResult parse, ProfileDraft draft, CliIO io)
        {
            var errors = new List<FieldError>();
            foreach (var (group, option) in Fields)
            {
                if (parse.GetResult(option) is null) continue;
                if (group.FirstOrDefault(f => f.AppliesTo(draft.Profile.Kind)) is not { } field)
                {
                    errors.Add(new FieldError(group[0].Key, Msg.F("does not apply to a {0} profile", ProfileToml.KindName(draft.Profile.Kind))));
                    continue;
                }
                if (field.Set(draft, parse.GetValue(option)) is { } problem) errors.Add(new FieldError(field.Key, problem));
            }
            foreach (var line in parse.GetValue(AddOption) ?? []) draft.Profile.ExtraOptions.Add(line);
            foreach (var removed in parse.GetValue(RemoveOption) ?? [])
                draft.Profile.ExtraOptions.RemoveAll(l => Core.Kinds.ProfileRenderer.ExtraLineEntries(l).FirstOrDefault()?.Name == removed);
            if (parse.GetValue(PasswordStdin)) draft.Secrets.Password = SecretInput.Read(io, "password");
            if (parse.GetValue(PinStdin)) draft.Secrets.Pin = SecretInput.Read(io, "pin");
            if (parse.GetValue(PskStdin)) draft.Secrets.Psk = SecretInput.Read(io, "psk");
            return errors;
        }
    }

    private static Command New(CliApp app)
    {
        var name = NameArgument();
        var kind = new Option<string>("--kind") { Description = KindRegistry.IdList, Required = true };
        var noApply = new Option<bool>("--no-apply") { Description = Msg.T("Save the profile only; write the files later with 'ppptui apply'") };
        var check = CheckOption();
        var fields = new FieldOptions();
        var command = new Command("new", Msg.T("Create a profile and write its files (like pptpsetup --create, for every kind)")) { name, kind, noApply, check };
        fields.AddTo(command);
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            if (!ProfileToml.TryParseKind(parse.GetValue(kind) ?? "", out var k))
                return ctx.Fail(ExitCodes.Usage, Msg.F("unknown kind '{0}': use {1}", parse.GetValue(kind), KindRegistry.IdList));
            var service = Service(ctx);
            var draft = new ProfileDraft(service.Create(parse.GetValue(name)!, k));
            var errors = fields.ApplyTo(parse, draft, ctx.IO);
            errors.AddRange(ProfileValidator.Validate(draft.Profile, draft.Secrets));
            if (errors.Count > 0) throw InvalidInput(draft.Profile.Name, errors);
            if (parse.GetValue(check)) return PrintCheck(ctx, service, draft);
            if (parse.GetValue(noApply))
            {
                service.Save(draft.Profile);
                if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(SavedJson(draft.Profile.Name, [])));
                else ctx.Out.WriteLine(Msg.F("Saved profile {0}; write its files with 'ppptui apply {0}'.", draft.Profile.Name));
                return ExitCodes.Ok;
            }
            var result = service.Apply(draft.Profile, draft.Secrets);
            draft.Secrets.Clear();
            PrintApply(ctx, result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set(CliApp app)
    {
        var name = NameArgument();
        var apply = new Option<bool>("--apply") { Description = Msg.T("Write the files now (a password or PIN is always written at once)") };
        var check = CheckOption();
        var fields = new FieldOptions();
        var command = new Command("set", Msg.T("Change a profile's settings (then 'ppptui diff' and 'ppptui apply')")) { name, apply, check };
        fields.AddTo(command);
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var service = Service(ctx);
            var draft = new ProfileDraft(service.Load(parse.GetValue(name)!));
            var errors = fields.ApplyTo(parse, draft, ctx.IO);
            errors.AddRange(ProfileValidator.Validate(draft.Profile, draft.Secrets));
            if (errors.Count > 0) throw InvalidInput(draft.Profile.Name, errors);
            if (parse.GetValue(check)) return PrintCheck(ctx, service, draft);
            // A secret is never kept anywhere to be applied later, so it is written now.
            if (parse.GetValue(apply) || !draft.Secrets.IsEmpty)
            {
                var result = service.Apply(draft.Profile, draft.Secrets);
                draft.Secrets.Clear();
                PrintApply(ctx, result);
            }
            else
            {
                service.Save(draft.Profile);
                var plan = service.Preview(draft.Profile);
                if (ctx.Json)
                {
                    ctx.Out.WriteLine(ProfileJson.Write(SavedJson(draft.Profile.Name, plan.Changed.Select(f => f.SystemPath))));
                    return ExitCodes.Ok;
                }
                ctx.Out.WriteLine(plan.HasChanges
                    ? Msg.F("Saved profile {0}. Pending changes to {1}: see 'ppptui diff {0}', write with 'ppptui apply {0}'.", draft.Profile.Name, string.Join(", ", plan.Changed.Select(f => f.SystemPath)))
                    : Msg.F("Saved profile {0}; its files already say this.", draft.Profile.Name));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliApp app)
    {
        var name = NameArgument();
        var keep = new Option<bool>("--keep-files") { Description = Msg.T("Keep the peers file and chat script; remove only the profile and its secrets records") };
        var force = new Option<bool>("--force") { Description = Msg.T("Also remove a secrets record other profiles share") };
        var command = new Command("delete", Msg.T("Delete a profile, its files (backed up) and only its own secrets record")) { name, keep, force };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var result = Service(ctx).Delete(parse.GetValue(name)!, parse.GetValue(keep), parse.GetValue(force));
            if (ctx.Json)
            {
                ctx.Out.WriteLine(ProfileJson.Write(new JsonObject
                {
                    ["name"] = result.Name,
                    ["removed"] = new JsonArray(result.Removed.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
                    ["kept"] = new JsonArray(result.Kept.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
                }));
                return ExitCodes.Ok;
            }
            ctx.Out.WriteLine(Msg.F("Deleted profile {0}:", result.Name));
            foreach (var r in result.Removed) ctx.Out.WriteLine(Msg.F("  removed {0}", r));
            foreach (var k in result.Kept) ctx.Out.WriteLine(Msg.F("  kept    {0}", k));
            ctx.Out.WriteLine(Msg.T("Previous versions are in /var/backups/ppptui/."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import(CliApp app)
    {
        var names = new Argument<string[]>("NAME") { Description = Msg.T("Peers files to import (all when none given)"), Arity = ArgumentArity.ZeroOrMore };
        var replace = new Option<bool>("--replace") { Description = Msg.T("Re-import over an existing profile") };
        var command = new Command("import", Msg.T("Turn existing /etc/ppp/peers files (or, with --toml, exported profiles) into profiles")) { names, replace };
        var toml = new FleetVerbs.TomlImportOptions();
        toml.AddTo(command);
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            if (toml.Requested(parse)) return FleetVerbs.ImportToml(ctx, parse, toml, parse.GetValue(replace), parse.GetValue(names) ?? []);
            var service = Service(ctx);
            var wanted = parse.GetValue(names) ?? [];
            if (wanted.Length == 0 && !parse.GetValue(replace))
            {
                // Importing everything skips what is already a profile rather than failing on it.
                var existing = service.List().Profiles.Select(p => p.Name).ToHashSet();
                wanted = service.Importer.PeerNames().Where(n => !existing.Contains(n)).ToArray();
                if (wanted.Length == 0)
                {
                    ctx.Out.WriteLine(ctx.Json ? ProfileJson.Write(new JsonArray()) : Msg.T("Nothing to import: every peers file is already a profile."));
                    return ExitCodes.Ok;
                }
            }
            var results = service.Import(wanted, parse.GetValue(replace));
            if (ctx.Json)
            {
                ctx.Out.WriteLine(ProfileJson.Write(new JsonArray(results.Select(r =>
                {
                    var json = ProfileJson.Profile(r.Profile, r.SecretsFile is null ? null : $"{r.SecretsFile}:{r.SecretsLine}");
                    // The same warnings the text prints: fields apply will refuse, and a secrets record shared with other profiles.
                    json["warnings"] = new JsonArray(r.Warnings.Select(w => (JsonNode?)new JsonObject { ["field"] = w.Field, ["message"] = w.Message }).ToArray());
                    json["shares_record_with"] = new JsonArray(r.SharesRecordWith.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                    json["notes"] = new JsonArray(r.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                    return (JsonNode?)json;
                }).ToArray())));
                return ExitCodes.Ok;
            }
            foreach (var r in results)
            {
                ctx.Out.WriteLine(Msg.F("Imported {0} ({1}), {2} option(s) kept verbatim", r.Profile.Name, KindRegistry.Get(r.Profile.Kind).DisplayName, r.Profile.ExtraOptions.Count) +
                                  (r.HasSecret ? Msg.F(", password in {0} line {1}", r.SecretsFile, r.SecretsLine) : r.Profile.Ppp.User is null ? "" : Msg.T(", no password record found")));
                foreach (var w in r.Warnings) ctx.Out.WriteLine(Msg.F("  warning: {0} (apply will refuse until it is fixed)", w));
                foreach (var n in r.Notes) ctx.Out.WriteLine(Msg.F("  note: {0}", n));
                if (r.SharesRecordWith.Count > 0)
                    ctx.Out.WriteLine(Msg.F("  warning: {0} shares its secrets record {1}/{2} with {3}: ppptui will not change or delete it without --force",
                                      r.Profile.Name, r.Profile.SecretsClient, r.Profile.SecretsServer, string.Join(", ", r.SharesRecordWith)));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Preview(CliApp app) =>
        PlanCommand(app, "preview", Msg.T("Show the files applying the profile would write (secrets masked)"), (ctx, plan) =>
        {
            foreach (var file in plan.Files)
            {
                var state = file.IsNew ? Msg.T("new") : file.Changes ? Msg.T("changed") : Msg.T("unchanged");
                ctx.Out.WriteLine($"==> {file.SystemPath} ({state}) <==");
                ctx.Out.Write(file.PreviewText);
                if (!file.PreviewText.EndsWith('\n')) ctx.Out.WriteLine();
            }
        });

    private static Command Diff(CliApp app) =>
        PlanCommand(app, "diff", Msg.T("Show what applying the profile would change on disk (unified diff, secrets masked)"), (ctx, plan) =>
        {
            if (!plan.HasChanges) ctx.Out.WriteLine(Msg.F("No changes: the files already match profile {0}.", plan.ProfileName));
            ctx.Out.Write(plan.Diff());
            foreach (var file in plan.Files.Where(f => f.ChangedOnDiskSince is not null))
            {
                ctx.Out.WriteLine(Msg.F("note: {0} was edited since ppptui last wrote it; apply will refuse without --force:", file.SystemPath));
                ctx.Out.Write(file.DriftDiff());
            }
        });

    /// <summary>
    /// A verb that shows one profile's change plan without writing anything: the plan as JSON with
    /// --json, otherwise the text <paramref name="writeText"/> writes, then the plan's notes.
    /// </summary>
    private static Command PlanCommand(CliApp app, string verb, string description, Action<CliContext, ChangePlan> writeText)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var service = Service(ctx);
            var plan = service.Preview(service.Load(parse.GetValue(name)!));
            if (ctx.Json) { ctx.Out.WriteLine(ProfileJson.Write(ProfileJson.Plan(plan))); return ExitCodes.Ok; }
            writeText(ctx, plan);
            foreach (var note in plan.Notes) ctx.Out.WriteLine(Msg.F("note: {0}", note));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Apply(CliApp app)
    {
        var names = new Argument<string[]>("NAME") { Description = Msg.T("Profiles to apply (all when none given)"), Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force") { Description = Msg.T("Overwrite files changed on disk since ppptui read or wrote them") };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = Msg.T("Also set the password, read from stdin") };
        var command = new Command("apply", Msg.T("Write the profile's files atomically, with backups (idempotent)")) { names, force, passwordStdin };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var service = Service(ctx);
            var problems = new List<CliError>();
            string[] wanted;
            if (parse.GetValue(names) is { Length: > 0 } given) wanted = given;
            else
            {
                // A profile file that does not load is a failure of "apply everything" too.
                var catalog = service.List();
                wanted = catalog.Profiles.Select(p => p.Name).ToArray();
                problems.AddRange(catalog.Problems.Select(p => new CliError(ExitCodes.Invalid, p.ToString(),
                    Msg.T("Fix the file (it is plain TOML), or delete it."), p.Message, p.File, p.Line > 0 ? p.Line : null)));
            }
            var secrets = new ProfileSecrets();
            if (parse.GetValue(passwordStdin))
            {
                if (wanted.Length != 1) return ctx.Fail(ExitCodes.Usage, Msg.T("--password-stdin needs exactly one profile name"));
                secrets.Password = SecretInput.Read(ctx.IO, "password");
            }
            // Each profile is tried and reported, whatever happened to the one before it.
            var outcomes = new JsonArray();
            var codes = problems.Select(p => CliErrors.Write(ctx.Error, ctx.Json, p)).ToList();
            foreach (var n in wanted)
            {
                try
                {
                    var profile = service.Load(n);
                    // A password typed now that does not pass is bad input, like a field value.
                    if (ProfileValidator.Validate(profile, secrets).Where(e => e.Field is "password").ToList() is { Count: > 0 } typed)
                        throw InvalidInput(n, typed);
                    var result = service.Apply(profile, secrets, parse.GetValue(force));
                    if (ctx.Json) outcomes.Add((JsonNode)ApplyJson(result));
                    else PrintApply(ctx, result);
                }
                catch (Exception ex) when (ex is Core.PppTuiException or IOException or UnauthorizedAccessException)
                {
                    codes.Add(CliErrors.Report(ctx, ex));
                    if (ctx.Json) outcomes.Add((JsonNode)new JsonObject { ["profile"] = n, ["failed"] = true });
                }
            }
            secrets.Clear();
            if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(outcomes));
            if (codes.Count == 0) return ExitCodes.Ok;
            if (!ctx.Json && wanted.Length + problems.Count > 1)
                ctx.Error.WriteLine("ppptui: " + Msg.F("{0} of {1} profile(s) not applied", codes.Count, wanted.Length + problems.Count));
            return codes.Distinct().Count() == 1 ? codes[0] : ExitCodes.Failure;
        });
        return command;
    }

    private static Option<bool> CheckOption() => new("--check")
    {
        Description = Msg.T("Write nothing: show what applying these settings would change (the profile and its files, secrets masked); with --json, \"changes\" says whether anything would"),
    };

    // A dry run of new/set followed by apply: the same plan a real run writes, the profile file included.
    private static int PrintCheck(CliContext ctx, ProfileService service, ProfileDraft draft)
    {
        var plan = service.Check(draft.Profile, draft.Secrets);
        draft.Secrets.Clear();
        if (ctx.Json) { ctx.Out.WriteLine(ProfileJson.Write(ProfileJson.Plan(plan))); return ExitCodes.Ok; }
        if (!plan.HasChanges) ctx.Out.WriteLine(Msg.F("No changes: the profile and its files already say this ({0}).", plan.ProfileName));
        ctx.Out.Write(plan.Diff());
        foreach (var file in plan.Files.Where(f => f.ChangedOnDiskSince is not null))
            ctx.Out.WriteLine(Msg.F("note: {0} was edited since ppptui last wrote it; applying will refuse without --force", file.SystemPath));
        foreach (var note in plan.Notes) ctx.Out.WriteLine(Msg.F("note: {0}", note));
        return ExitCodes.Ok;
    }

    private static void PrintApply(CliContext ctx, ApplyResult result)
    {
        if (ctx.Json)
        {
            ctx.Out.WriteLine(ProfileJson.Write(ApplyJson(result)));
            return;
        }
        foreach (var note in result.Notes) ctx.Error.WriteLine("ppptui: " + Msg.F("warning: {0}", note));
        if (!result.ChangedAnything)
        {
            ctx.Out.WriteLine(Msg.F("{0}: nothing to change, the files already match.", result.ProfileName));
            return;
        }
        ctx.Out.WriteLine(Msg.F("{0}: applied.", result.ProfileName));
        foreach (var f in result.Files.Where(f => f.Written))
            ctx.Out.WriteLine(Msg.F("  wrote {0}", f.SystemPath) + (f.Backup is null ? Msg.T(" (new)") : ""));
    }

    // Values given on the command line that do not pass are bad input (exit 2), not a bad file.
    private static ProfileInvalidException InvalidInput(string name, IReadOnlyList<FieldError> errors) =>
        new(name, errors) { Kind = Core.FailureKind.BadInput };

    private static JsonObject SavedJson(string name, IEnumerable<string> pending) => new()
    {
        ["profile"] = name,
        ["saved"] = true,
        ["changed"] = false,
        ["written"] = new JsonArray(),
        ["pending"] = new JsonArray(pending.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
    };

    private static JsonObject ApplyJson(ApplyResult result) => new()
    {
        ["profile"] = result.ProfileName,
        ["saved"] = true,
        ["changed"] = result.ChangedAnything,
        ["written"] = new JsonArray(result.Files.Where(f => f.Written).Select(f => f.SystemPath)
            .Concat(result.ProfileSaved ? ["/etc/ppptui/profiles/" + result.ProfileName + ".toml"] : [])
            .Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
    };

    private static Command Effective(CliApp app)
    {
        var name = NameArgument();
        var all = new Option<bool>("--all") { Description = Msg.T("Also list the options later lines override") };
        var command = new Command("effective", Msg.T("The options pppd really runs with for a profile, and where each comes from")) { name, all };
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var options = Service(ctx).Effective(parse.GetValue(name)!);
            if (ctx.Json)
            {
                ctx.Out.WriteLine(ProfileJson.Write(new JsonArray(options.Select(o => (JsonNode?)new JsonObject
                {
                    ["option"] = o.Name,
                    ["argument"] = o.Name == "password" && o.Argument is not null ? Core.PppConfig.SecretsFile.Mask : o.Argument,
                    ["source"] = o.Source,
                    ["overridden_by"] = o.OverriddenBy,
                }).ToArray())));
                return ExitCodes.Ok;
            }
            foreach (var o in options.Where(o => o.TakesEffect || parse.GetValue(all)))
            {
                var text = o.Argument is null ? o.Name : $"{o.Name} {o.Argument}";
                if (o.Name == "password") text = "password ********";
                var suffix = o.TakesEffect ? "" : "   " + Msg.F("(overridden by {0})", o.OverriddenBy);
                ctx.Out.WriteLine($"{text,-40} {o.Source}{suffix}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
