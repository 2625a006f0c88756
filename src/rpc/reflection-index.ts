import { toBinary, type DescEnum, type DescExtension, type DescFile, type DescMessage } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";

/**
 * Lookup tables for gRPC server reflection, built from generated file descriptors and all
 * their transitive imports: by file name, by fully-qualified symbol (the names protoc's
 * DescriptorPool resolves: messages, enums, enum values, fields, oneofs, extensions,
 * services, methods) and by extension (extendee + field number).
 */
export class DescriptorIndex {
  private readonly files = new Map<string, DescFile>();
  private readonly symbols = new Map<string, DescFile>();
  private readonly extensions = new Map<string, DescExtension>();
  private readonly extensionNumbers = new Map<string, Set<number>>();
  private readonly messages = new Set<string>();
  private readonly encoded = new Map<DescFile, Uint8Array>();

  /** Indexes `files` and, transitively, every file they import. */
  constructor(files: Iterable<DescFile>) {
    for (const file of files) this.addFile(file);
  }

  /** The file with this name (e.g. "mitosis/v1/office.proto"), if known. */
  fileByName(name: string): DescFile | undefined {
    return this.files.get(name);
  }

  /** The file declaring a fully-qualified symbol; a leading dot is accepted. */
  fileContainingSymbol(symbol: string): DescFile | undefined {
    return this.symbols.get(symbol.startsWith(".") ? symbol.slice(1) : symbol);
  }

  /** The file declaring extension `number` of message `extendee`. */
  fileContainingExtension(extendee: string, number: number): DescFile | undefined {
    return this.extensions.get(`${extendee}#${number}`)?.file;
  }

  /** Known extension numbers of a message, ascending; undefined when the message is unknown. */
  extensionNumbersOf(typeName: string): number[] | undefined {
    if (!this.messages.has(typeName)) return undefined;
    return [...(this.extensionNumbers.get(typeName) ?? [])].sort((a, b) => a - b);
  }

  /**
   * Serialized FileDescriptorProtos of `file` (first) and of everything it imports,
   * transitively, so a client can build the file without asking again.
   */
  withDependencies(file: DescFile): Uint8Array[] {
    const seen = new Set<DescFile>([file]);
    const order = [file];
    for (let i = 0; i < order.length; i++) {
      for (const dep of order[i]!.dependencies) {
        if (!seen.has(dep)) {
          seen.add(dep);
          order.push(dep);
        }
      }
    }
    return order.map((f) => this.encode(f));
  }

  private encode(file: DescFile): Uint8Array {
    let bytes = this.encoded.get(file);
    if (!bytes) {
      bytes = toBinary(FileDescriptorProtoSchema, file.proto);
      this.encoded.set(file, bytes);
    }
    return bytes;
  }

  private addFile(file: DescFile): void {
    // DescFile.name drops the ".proto" suffix; reflection clients ask by the full path.
    if (this.files.has(file.proto.name)) return;
    this.files.set(file.proto.name, file);
    for (const dep of file.dependencies) this.addFile(dep);
    for (const service of file.services) {
      this.symbols.set(service.typeName, file);
      for (const method of service.methods) this.symbols.set(`${service.typeName}.${method.name}`, file);
    }
    for (const e of file.enums) this.addEnum(e);
    for (const m of file.messages) this.addMessage(m);
    for (const x of file.extensions) this.addExtension(x);
  }

  private addMessage(message: DescMessage): void {
    const file = message.file;
    this.symbols.set(message.typeName, file);
    this.messages.add(message.typeName);
    for (const field of message.fields) this.symbols.set(`${message.typeName}.${field.name}`, file);
    for (const oneof of message.oneofs) this.symbols.set(`${message.typeName}.${oneof.name}`, file);
    for (const e of message.nestedEnums) this.addEnum(e);
    for (const m of message.nestedMessages) this.addMessage(m);
    for (const x of message.nestedExtensions) this.addExtension(x);
  }

  private addEnum(desc: DescEnum): void {
    this.symbols.set(desc.typeName, desc.file);
    // Enum values are scoped as siblings of their enum, as in C++.
    const scope = desc.typeName.includes(".") ? desc.typeName.slice(0, desc.typeName.lastIndexOf(".") + 1) : "";
    for (const value of desc.values) this.symbols.set(scope + value.name, desc.file);
  }

  private addExtension(ext: DescExtension): void {
    this.symbols.set(ext.typeName, ext.file);
    this.extensions.set(`${ext.extendee.typeName}#${ext.number}`, ext);
    let numbers = this.extensionNumbers.get(ext.extendee.typeName);
    if (!numbers) {
      numbers = new Set();
      this.extensionNumbers.set(ext.extendee.typeName, numbers);
    }
    numbers.add(ext.number);
  }
}
