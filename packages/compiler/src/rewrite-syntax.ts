import ts from 'typescript';
import type { SourceEdits } from './source-edits.ts';

export interface RewriteContext {
  sourceFile: ts.SourceFile;
  edits: SourceEdits;
  modules: readonly string[];
  report(at: number, message: string): void;
}

/** The expression the kernel runtime provides for loading a module (`import()` and import declarations go through it). */
export const KERNEL_IMPORT = 'globalThis.__cohort.import';

/** Keywords that only TypeScript knows; blanked wherever they modify a declaration. */
const typeScriptOnlyModifiers = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AbstractKeyword,
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.OverrideKeyword,
  ts.SyntaxKind.DeclareKeyword,
]);
const parameterPropertyModifiers = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.OverrideKeyword,
]);

/** A statement or class member that exists only for the type checker and disappears entirely. */
export function isErasedDeclaration(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.TypeAliasDeclaration:
    case ts.SyntaxKind.IndexSignature:
      return true;
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
      // Overload signatures and abstract members have no body.
      return (node as ts.FunctionLikeDeclaration).body === undefined || hasModifier(node, ts.SyntaxKind.DeclareKeyword);
    case ts.SyntaxKind.PropertyDeclaration:
      return hasModifier(node, ts.SyntaxKind.DeclareKeyword) || hasModifier(node, ts.SyntaxKind.AbstractKeyword);
    default:
      return hasModifier(node, ts.SyntaxKind.DeclareKeyword);
  }
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

/**
 * Rewrites `node` and everything in it for the kernel: erases TypeScript-only syntax (blanked, so
 * positions stay put), reports TypeScript that has no erasable form (enum, namespace, parameter
 * properties), and sends dynamic `import()` through the kernel's module loader.
 */
export function rewriteSyntax(node: ts.Node, context: RewriteContext): void {
  const { sourceFile, edits } = context;
  const text = sourceFile.text;

  const blankNode = (target: ts.Node, lead = '') => edits.blank(target.getStart(sourceFile), target.end, lead);
  // `:` sits right before the annotation's `pos` (a node's pos is the end of the token before it).
  const blankAnnotation = (type: ts.TypeNode) => edits.blank(type.pos - 1, type.end);
  const blankLastCharacter = (target: ts.Node) => edits.blank(target.end - 1, target.end);
  // `<` sits right before the list's `pos`; `>` follows its last element (after an optional trailing comma).
  const blankAngleList = (list: ts.NodeArray<ts.Node>) => edits.blank(list.pos - 1, closingAngle(text, list.end) + 1);

  function visit(node: ts.Node): void {
    if (isErasedDeclaration(node)) {
      // ";" keeps the statements around it apart, as the erased declaration did.
      blankNode(node, ';');
      return;
    }
    switch (node.kind) {
      case ts.SyntaxKind.EnumDeclaration:
        context.report(node.getStart(sourceFile), 'enum is not supported (cells are erasable TypeScript): use an `as const` object or a union of literals');
        return;
      case ts.SyntaxKind.ModuleDeclaration:
        context.report(node.getStart(sourceFile), 'namespace is not supported (cells are erasable TypeScript): use an object or top-level declarations');
        return;
      case ts.SyntaxKind.TypeParameter:
        return;
      case ts.SyntaxKind.ExpressionWithTypeArguments: {
        // `extends Base<T>` and instantiation expressions `f<T>`: the expression stays.
        const withTypeArguments = node as ts.ExpressionWithTypeArguments;
        if (withTypeArguments.typeArguments) blankAngleList(withTypeArguments.typeArguments);
        visit(withTypeArguments.expression);
        return;
      }
      case ts.SyntaxKind.HeritageClause:
        if ((node as ts.HeritageClause).token === ts.SyntaxKind.ImplementsKeyword) {
          blankNode(node);
          return;
        }
        break;
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression: {
        const { expression } = node as ts.AsExpression | ts.SatisfiesExpression;
        edits.blank(expression.end, node.end);
        visit(expression);
        return;
      }
      case ts.SyntaxKind.TypeAssertionExpression: {
        const { expression } = node as ts.TypeAssertion;
        edits.blank(node.getStart(sourceFile), expression.pos);
        visit(expression);
        return;
      }
      case ts.SyntaxKind.NonNullExpression:
        blankLastCharacter(node);
        break;
      case ts.SyntaxKind.Parameter:
        checkParameter(node as ts.ParameterDeclaration);
        break;
      case ts.SyntaxKind.CallExpression:
        rewriteDynamicImport(node as ts.CallExpression);
        break;
      case ts.SyntaxKind.MetaProperty:
        if ((node as ts.MetaProperty).keywordToken === ts.SyntaxKind.ImportKeyword) {
          context.report(node.getStart(sourceFile), 'import.meta is not available in a cell: cells are scripts, not modules');
        }
        break;
    }
    if (ts.isTypeNode(node)) return;
    eraseModifiers(node);
    eraseAnnotations(node);
    if (ts.isFunctionLike(node)) {
      // Children in source order, with a `this` parameter erased instead of visited.
      ts.forEachChild(node, visit, (nodes) => {
        for (const child of nodes === node.parameters ? eraseThisParameter(node.parameters) : nodes) visit(child);
      });
    } else {
      ts.forEachChild(node, visit);
    }
  }

  function eraseModifiers(node: ts.Node) {
    if (!ts.canHaveModifiers(node)) return;
    for (const modifier of ts.getModifiers(node) ?? []) {
      if (typeScriptOnlyModifiers.has(modifier.kind)) edits.blank(modifier.end - ts.tokenToString(modifier.kind)!.length, modifier.end);
    }
  }

  function eraseAnnotations(node: ts.Node) {
    const declaration = node as AnnotatedNode;
    if (declaration.questionToken && !ts.isConditionalExpression(node)) blankLastCharacter(declaration.questionToken);
    if (declaration.exclamationToken) blankLastCharacter(declaration.exclamationToken);
    if (declaration.typeParameters) blankAngleList(declaration.typeParameters);
    if (declaration.typeArguments) blankAngleList(declaration.typeArguments);
    if (declaration.type && hasTypeAnnotation(node)) {
      if (ts.isArrowFunction(node)) eraseArrowReturnType(node, declaration.type);
      else blankAnnotation(declaration.type);
    }
  }

  /** `(x)\n: T => x` would become `(x)\n => x`, which is not JavaScript: the `)` moves to the end of the erased type. */
  function eraseArrowReturnType(arrow: ts.ArrowFunction, type: ts.TypeNode) {
    const colon = type.pos - 1;
    const arrowStart = arrow.equalsGreaterThanToken.getStart(sourceFile);
    let closingParen = colon - 1;
    while (/\s/.test(text[closingParen]!)) closingParen--;
    if (text[closingParen] !== ')' || !/[\r\n\u2028\u2029]/.test(text.slice(closingParen, arrowStart))) {
      blankAnnotation(type);
      return;
    }
    edits.blank(closingParen, closingParen + 1);
    edits.blank(colon, type.end - 1);
    edits.blank(type.end - 1, type.end, ')');
  }

  function checkParameter(parameter: ts.ParameterDeclaration) {
    if (ts.getModifiers(parameter)?.some((modifier) => parameterPropertyModifiers.has(modifier.kind))) {
      context.report(
        parameter.getStart(sourceFile),
        'parameter properties are not supported (cells are erasable TypeScript): declare the field and assign it in the constructor',
      );
    }
  }

  /** `function f(this: Window, a)` -> `function f(a)`. Returns the parameters left to visit. */
  function eraseThisParameter(parameters: ts.NodeArray<ts.ParameterDeclaration>): readonly ts.ParameterDeclaration[] {
    const [first, second] = parameters;
    if (!first || !ts.isIdentifier(first.name) || first.name.escapedText !== 'this') return parameters;
    edits.blank(first.getStart(sourceFile), second ? second.getStart(sourceFile) : first.end);
    return parameters.slice(1);
  }

  function rewriteDynamicImport(call: ts.CallExpression) {
    if (call.expression.kind !== ts.SyntaxKind.ImportKeyword) return;
    const [specifier] = call.arguments;
    if (specifier && ts.isStringLiteralLike(specifier)) checkModule(specifier.text, call.getStart(sourceFile), context);
    edits.replace(call.expression.getStart(sourceFile), call.expression.end, KERNEL_IMPORT);
  }

  visit(node);
}

/** Reports an import of a module this kernel does not provide. */
export function checkModule(specifier: string, at: number, context: RewriteContext): void {
  if (context.modules.includes(specifier)) return;
  const provided = context.modules.length > 0 ? `this kernel provides ${context.modules.join(', ')}` : 'this kernel provides no modules';
  context.report(at, `Cannot import "${specifier}": ${provided}`);
}

/** The TypeScript-only parts a declaration or call may carry. */
interface AnnotatedNode {
  questionToken?: ts.Node;
  exclamationToken?: ts.Node;
  typeParameters?: ts.NodeArray<ts.Node>;
  typeArguments?: ts.NodeArray<ts.Node>;
  type?: ts.TypeNode;
}

function hasTypeAnnotation(node: ts.Node): boolean {
  return ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isFunctionLike(node);
}

/** The `>` closing a type parameter or argument list whose last element ends at `from`. */
function closingAngle(text: string, from: number): number {
  const rest = /(?:\s|,|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*>/y;
  rest.lastIndex = from;
  const match = rest.exec(text);
  if (!match) throw new Error(`no ">" after offset ${from}`);
  return rest.lastIndex - 1;
}
