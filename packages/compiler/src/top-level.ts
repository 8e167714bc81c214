import ts from 'typescript';
import { checkModule, hasModifier, isErasedDeclaration, KERNEL_IMPORT, rewriteSyntax, type RewriteContext } from './rewrite-syntax.ts';

export interface TopLevel {
  /** Names the cell binds on globalThis, in source order. */
  declarations: string[];
  /** The subset of `declarations` that are function declarations (hoisted: bound before the cell runs). */
  functions: Set<string>;
}

type BindingKind = 'lexical' | 'var' | 'function';

const variableKeywordLength = { let: 3, const: 5, var: 3 } as const;
/** Declaration keywords by their flags; `using` and `await using` have none here. */
const variableKeywords = new Map<number, keyof typeof variableKeywordLength>([
  [0, 'var'],
  [ts.NodeFlags.Let, 'let'],
  [ts.NodeFlags.Const, 'const'],
]);

/**
 * Rewrites the cell's top-level statements so that what they bind lands on globalThis: declarations
 * become assignments to names the script defines on globalThis beforehand, imports become awaited
 * calls to the kernel's module loader, and the last expression statement becomes the cell's value.
 */
export function rewriteTopLevel(context: RewriteContext): TopLevel {
  const { sourceFile, edits } = context;
  const declarations: string[] = [];
  const functions = new Set<string>();
  const bound = new Map<string, BindingKind>();

  function bind(name: ts.Identifier, kind: BindingKind) {
    const text = name.text;
    const earlier = bound.get(text);
    if (earlier && (earlier === 'lexical' || kind === 'lexical')) {
      context.report(name.getStart(sourceFile), `Cannot redeclare '${text}' in the same cell`);
      return;
    }
    if (earlier) return;
    bound.set(text, kind);
    declarations.push(text);
    if (kind === 'function') functions.add(text);
  }

  function bindPattern(name: ts.BindingName, kind: BindingKind) {
    if (ts.isIdentifier(name)) return bind(name, kind);
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindPattern(element.name, kind);
  }

  /** Blanks `export` off a declaration (its names are shared through globalThis anyway). Returns false for `export default`. */
  function stripExport(statement: ts.Statement): boolean {
    for (const modifier of ts.getModifiers(statement as ts.HasModifiers) ?? []) {
      if (modifier.kind === ts.SyntaxKind.DefaultKeyword) {
        context.report(statement.getStart(sourceFile), 'export default is not supported in a cell: name the declaration instead');
        return false;
      }
      if (modifier.kind === ts.SyntaxKind.ExportKeyword) edits.blank(modifier.getStart(sourceFile), modifier.end);
    }
    return true;
  }

  function rewriteVariables(statement: ts.VariableStatement) {
    const list = statement.declarationList;
    const keyword = variableKeywords.get(list.flags & ts.NodeFlags.BlockScoped);
    // `using` declarations stay local to the cell: they are disposed of when it ends.
    if (!keyword) return rewriteSyntax(statement, context);
    stripExport(statement);
    for (const declaration of list.declarations) bindPattern(declaration.name, keyword === 'var' ? 'var' : 'lexical');
    // `const a = 1, { b } = o` -> `a = 1, { b } = o`: a binding pattern is also an assignment pattern.
    const start = list.getStart(sourceFile);
    const end = start + variableKeywordLength[keyword];
    const first = list.declarations[0]?.name;
    if (first && ts.isObjectBindingPattern(first)) {
      // A statement cannot start with `{`; ";" guards against the previous line running on.
      edits.blank(start, end, ';(');
      edits.replace(list.end, list.end, ')');
    } else {
      edits.blank(start, end, first && ts.isArrayBindingPattern(first) ? ';' : '');
    }
    rewriteSyntax(list, context);
  }

  function rewriteClass(statement: ts.ClassDeclaration) {
    if (!stripExport(statement) || !statement.name) return;
    bind(statement.name, 'lexical');
    const start = statement.getStart(sourceFile);
    edits.replace(start, start, `${statement.name.text} = `);
    edits.replace(statement.end, statement.end, ';');
    rewriteSyntax(statement, context);
  }

  function rewriteFunction(statement: ts.FunctionDeclaration) {
    if (!stripExport(statement) || !statement.name) return;
    bind(statement.name, 'function');
    rewriteSyntax(statement, context);
  }

  function rewriteImport(statement: ts.ImportDeclaration) {
    const clause = statement.importClause;
    const start = statement.getStart(sourceFile);
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.filter((element) => !element.isTypeOnly) : [];
    const namespace = clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name : undefined;
    const defaultName = clause?.name;
    const typeOnly = clause && (clause.phaseModifier === ts.SyntaxKind.TypeKeyword || (!defaultName && !namespace && named.length === 0));
    if (typeOnly) {
      edits.blank(start, statement.end, ';');
      return;
    }
    checkModule((statement.moduleSpecifier as ts.StringLiteral).text, start, context);
    const load = `await ${KERNEL_IMPORT}(${JSON.stringify((statement.moduleSpecifier as ts.StringLiteral).text)})`;
    for (const name of [defaultName, namespace, ...named.map((element) => element.name)]) if (name) bind(name, 'lexical');
    const defaultOf = (module: string) => `"default" in ${module} ? ${module}.default : ${module}`;
    const pattern = `{ ${named.map(({ propertyName, name }) => (propertyName ? `${moduleExportName(propertyName)}: ${name.text}` : name.text)).join(', ')} }`;
    const assignments = [
      defaultName && `${defaultName.text} = ${defaultOf('__cohortModule')};`,
      namespace && `${namespace.text} = __cohortModule;`,
      named.length > 0 && `(${pattern} = __cohortModule);`,
    ].filter((assignment) => typeof assignment === 'string');
    let text: string;
    if (!clause) text = `${load};`;
    else if (assignments.length > 1) text = `;((__cohortModule) => { ${assignments.join(' ')} })(${load});`;
    else if (defaultName) text = `${defaultName.text} = ((__cohortModule) => ${defaultOf('__cohortModule')})(${load});`;
    else if (namespace) text = `${namespace.text} = ${load};`;
    else text = `;(${pattern} = ${load});`;
    edits.replace(start, statement.end, text);
  }

  for (const statement of sourceFile.statements) {
    switch (statement.kind) {
      case ts.SyntaxKind.ImportDeclaration:
        rewriteImport(statement as ts.ImportDeclaration);
        break;
      case ts.SyntaxKind.ImportEqualsDeclaration:
        if ((statement as ts.ImportEqualsDeclaration).isTypeOnly) edits.blank(statement.getStart(sourceFile), statement.end, ';');
        else context.report(statement.getStart(sourceFile), 'import = is not supported in a cell: use import ... from');
        break;
      case ts.SyntaxKind.ExportDeclaration: {
        const declaration = statement as ts.ExportDeclaration;
        // `export { a }` and `export type`: top-level names are shared already.
        if (declaration.isTypeOnly || !declaration.moduleSpecifier) edits.blank(statement.getStart(sourceFile), statement.end, ';');
        else context.report(statement.getStart(sourceFile), 'export ... from is not supported in a cell: import the names instead');
        break;
      }
      case ts.SyntaxKind.ExportAssignment:
        context.report(statement.getStart(sourceFile), 'export default is not supported in a cell: name the declaration instead');
        break;
      case ts.SyntaxKind.ReturnStatement:
        context.report(statement.getStart(sourceFile), 'return is only allowed inside a function: the value of a cell is its last expression');
        break;
      default:
        if (isErasedDeclaration(statement)) rewriteSyntax(statement, context);
        else if (ts.isVariableStatement(statement)) rewriteVariables(statement);
        else if (ts.isClassDeclaration(statement)) rewriteClass(statement);
        else if (ts.isFunctionDeclaration(statement)) rewriteFunction(statement);
        else rewriteSyntax(statement, context);
    }
  }

  const last = sourceFile.statements.findLast((statement) => !isErasedStatement(statement));
  if (last && ts.isExpressionStatement(last)) {
    const start = last.getStart(sourceFile);
    edits.replace(start, start, 'return { value: (');
    edits.replace(last.expression.end, last.expression.end, ') }');
  }
  return { declarations, functions };
}

/** A top-level statement that compiles to nothing: it does not take the place of the cell's last expression. */
function isErasedStatement(statement: ts.Statement): boolean {
  if (ts.isEmptyStatement(statement) || isErasedDeclaration(statement)) return true;
  if (ts.isImportDeclaration(statement)) return true;
  if (ts.isExportDeclaration(statement)) return true;
  return hasModifier(statement, ts.SyntaxKind.DeclareKeyword);
}

function moduleExportName(name: ts.ModuleExportName): string {
  return ts.isIdentifier(name) ? name.text : JSON.stringify(name.text);
}
