using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// MSBuild task (compiled by RoslynCodeTaskFactory, see WeakenGlibcxxRequirement.targets): writes a copy of an ELF64
/// shared library in which one symbol version that it needs from its dependencies is weak (VER_FLG_WEAK in the
/// vna_flags of its Vernaux entry in .gnu.version_r), so that the dynamic loader accepts a dependency without
/// that version instead of refusing to load the library. Safe only where nothing binds to a symbol of that
/// version, so the task first checks that no relocation refers to one and fails the build otherwise.
/// MSBuild compiles it against .NET Standard 2.0: no spans, records or newer file APIs.
/// </summary>
public sealed class WeakenVersionNeed : Task
{
    private const uint SectionTypeRela = 4, SectionTypeRel = 9, SectionTypeVersionNeed = 0x6ffffffe, SectionTypeVersionSymbols = 0x6fffffff;
    private const ushort VersionFlagWeak = 0x2;

    /// <summary>The library as shipped (never written).</summary>
    [Required]
    public string Source { get; set; } = "";

    /// <summary>Where the patched copy goes.</summary>
    [Required]
    public string Destination { get; set; } = "";

    /// <summary>The needed version to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string Version { get; set; } = "";

    /// <summary>Writes the patched copy; false (with an error) if the library cannot be patched safely.</summary>
    public override bool Execute()
    {
        try
        {
            byte[] elf = File.ReadAllBytes(Source);
            int? flagsOffset = FindWeakenableFlags(elf, Version);
            // File.Copy keeps the file's permissions; then only the two bytes of vna_flags are rewritten.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Destination)));
            File.Copy(Source, Destination, overwrite: true);
            if (flagsOffset is null)
            {
                Log.LogMessage(MessageImportance.High, $"{Path.GetFileName(Source)} needs {Version} weakly or not at all: copied unchanged to {Destination}");
                return true;
            }
            using (var stream = new FileStream(Destination, FileMode.Open, FileAccess.Write))
            {
                stream.Position = flagsOffset.Value;
                stream.Write(BitConverter.GetBytes((ushort)(U16(elf, flagsOffset.Value) | VersionFlagWeak)), 0, 2);
            }
            Log.LogMessage(MessageImportance.High, $"{Path.GetFileName(Source)}: the {Version} requirement marked weak in {Destination}");
        }
        catch (InvalidDataException exception)
        {
            Log.LogError($"Cannot weaken {Version} in {Source}: {exception.Message}");
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The file offset of the vna_flags to change, or null if <paramref name="version"/> is not needed or already weak.</summary>
    private static int? FindWeakenableFlags(byte[] elf, string version)
    {
        Section[] sections = ReadSections(elf);
        Section versionNeed = Array.Find(sections, s => s.Type == SectionTypeVersionNeed);
        if (versionNeed is null) return null;
        int needOffset = checked((int)versionNeed.Offset);
        for (uint need = 0; need < versionNeed.Info; need++)
        {
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            ushort auxCount = U16(elf, needOffset + 2);
            int auxOffset = needOffset + (int)U32(elf, needOffset + 8);
            for (int aux = 0; aux < auxCount; aux++)
            {
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16 (the version index), vna_name u32, vna_next u32.
                if (ReadString(elf, sections[versionNeed.Link], U32(elf, auxOffset + 8)) == version)
                {
                    if ((U16(elf, auxOffset + 4) & VersionFlagWeak) != 0) return null;
                    RequireNoRelocationTo(elf, sections, U16(elf, auxOffset + 6), version);
                    return auxOffset + 4;
                }
                auxOffset += (int)U32(elf, auxOffset + 12);
            }
            needOffset += (int)U32(elf, needOffset + 12);
        }
        return null;
    }

    /// <summary>
    /// A weak version need only stops the loader from refusing the library; a relocation against a symbol of that
    /// version would still fail (or bind to nothing) where the version is missing, so it must have none.
    /// </summary>
    private static void RequireNoRelocationTo(byte[] elf, Section[] sections, ushort versionIndex, string version)
    {
        Section versionSymbols = Array.Find(sections, s => s.Type == SectionTypeVersionSymbols)
            ?? throw new InvalidDataException("no .gnu.version section.");
        var versioned = new HashSet<uint>();
        for (uint symbol = 0; symbol < versionSymbols.Size / 2; symbol++)
        {
            // Bit 15 marks a hidden version; the low 15 bits are the index.
            if ((U16(elf, checked((int)(versionSymbols.Offset + 2 * symbol))) & 0x7fff) == versionIndex) versioned.Add(symbol);
        }
        foreach (Section relocations in sections)
        {
            bool rela = relocations.Type == SectionTypeRela;
            if ((!rela && relocations.Type != SectionTypeRel) || relocations.Link != versionSymbols.Link) continue;
            ulong entrySize = rela ? 24UL : 16UL;
            for (ulong entry = relocations.Offset; entry + entrySize <= relocations.Offset + relocations.Size; entry += entrySize)
            {
                // r_info (u64 after r_offset): the symbol index in its high 32 bits.
                uint symbol = (uint)(U64(elf, checked((int)entry + 8)) >> 32);
                if (versioned.Contains(symbol))
                    throw new InvalidDataException($"a relocation refers to dynamic symbol {symbol}, which needs {version}; weakening it would break the library.");
            }
        }
    }

    private sealed class Section
    {
        public Section(uint type, ulong offset, ulong size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public ulong Offset { get; }
        public ulong Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static Section[] ReadSections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file.");
        // BitConverter reads in the machine's byte order, which must then be the file's.
        if (elf[4] != 2 || elf[5] != 1 || !BitConverter.IsLittleEndian) throw new InvalidDataException("not a 64-bit little-endian ELF file on a little-endian machine.");
        // Elf64_Ehdr: e_shoff at 0x28, e_shentsize at 0x3a, e_shnum at 0x3c.
        ulong tableOffset = U64(elf, 0x28);
        int entrySize = U16(elf, 0x3a), count = U16(elf, 0x3c);
        if (entrySize < 64 || tableOffset + (ulong)(entrySize * count) > (ulong)elf.Length)
            throw new InvalidDataException("section header table out of the file.");
        var sections = new Section[count];
        for (int i = 0; i < count; i++)
        {
            // Elf64_Shdr: sh_type at 4, sh_offset at 0x18, sh_size at 0x20, sh_link at 0x28, sh_info at 0x2c.
            int header = (int)tableOffset + i * entrySize;
            sections[i] = new Section(U32(elf, header + 4), U64(elf, header + 0x18), U64(elf, header + 0x20), U32(elf, header + 0x28), U32(elf, header + 0x2c));
            if (sections[i].Type != 8 /* SHT_NOBITS */ && sections[i].Offset + sections[i].Size > (ulong)elf.Length)
                throw new InvalidDataException($"section {i} lies outside the file.");
        }
        return sections;
    }

    private static string ReadString(byte[] elf, Section strings, uint offset)
    {
        int start = checked((int)(strings.Offset + offset));
        int end = Array.IndexOf(elf, (byte)0, start);
        if (end < 0) throw new InvalidDataException("unterminated string.");
        return Encoding.ASCII.GetString(elf, start, end - start);
    }

    private static ushort U16(byte[] elf, int offset) => BitConverter.ToUInt16(elf, offset);

    private static uint U32(byte[] elf, int offset) => BitConverter.ToUInt32(elf, offset);

    private static ulong U64(byte[] elf, int offset) => BitConverter.ToUInt64(elf, offset);
}
