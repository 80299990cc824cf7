package gengo

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/rtgen/rtgen/internal/schema"
)

// typesFile renders the session and every named type with its Validate
// method.
func (g *generator) typesFile() *jen.File {
	f := g.newFile()
	sess := g.s.Session
	f.Add(comment(g.declare("Session", "the session"), "is what an authenticated connection carries: what Config.Authenticate returns.", sess.Doc))
	f.Type().Id("Session").Struct(g.fields(sess.Claims)...)
	f.Line()
	for _, t := range g.s.Types {
		switch t.Kind {
		case schema.StructType:
			g.structType(f, t)
		case schema.EnumType:
			g.enumType(f, t)
		}
	}
	return f
}

func (g *generator) structType(f *jen.File, t *schema.Type) {
	name := g.declare(t.GoName, "type "+t.Name)
	f.Add(typeComment(name, t.Doc))
	f.Type().Id(name).Struct(g.fields(t.Fields)...)
	f.Line()

	checks := fieldChecks(t.Fields)
	f.Add(docComment("Validate checks " + name + " against the schema's constraints, reporting every failed field."))
	if len(checks) == 0 {
		f.Func().Params(jen.Id(name)).Id("Validate").Params().Error().Block(jen.Return(jen.Nil()))
		return
	}
	body := []jen.Code{jen.Var().Id("c").Qual(validatePkg, "Checker")}
	body = append(body, checks...)
	body = append(body, jen.Return(jen.Id("c").Dot("Err").Call()))
	f.Func().Params(jen.Id("p").Id(name)).Id("Validate").Params().Error().Block(body...)
	f.Line()
}

func (g *generator) enumType(f *jen.File, t *schema.Type) {
	name := g.declare(t.GoName, "enum "+t.Name)
	f.Add(typeComment(name, t.Doc))
	f.Type().Id(name).String()
	f.Line()
	consts := make([]jen.Code, 0, len(t.Values))
	values := make([]jen.Code, 0, len(t.Values))
	lits := []jen.Code{jen.String().Call(jen.Id("e"))}
	for _, v := range t.Values {
		consts = append(consts, jen.Id(g.declare(v.GoName, "value "+v.Value+" of enum "+t.Name)).Id(name).Op("=").Lit(v.Value))
		values = append(values, jen.Id(v.GoName))
		lits = append(lits, jen.Lit(v.Value))
	}
	f.Add(docComment("Values of " + name + "."))
	f.Const().Defs(consts...)
	f.Line()
	all := g.declare(name+"Values", "the value list of enum "+t.Name)
	f.Add(docComment(all + " lists the values of " + name + " in schema order."))
	f.Var().Id(all).Op("=").Index().Id(name).Values(values...)
	f.Line()
	f.Add(docComment("Validate reports an error when e is not one of the values of " + name + "."))
	f.Func().Params(jen.Id("e").Id(name)).Id("Validate").Params().Error().Block(
		jen.Switch(jen.Id("e")).Block(
			jen.Case(values...).Block(jen.Return(jen.Nil())),
		),
		jen.Return(jen.Qual(validatePkg, "Enum").Call(lits...)),
	)
	f.Line()
}

// fields renders struct fields with JSON tags: optional fields are pointers
// (lists and maps stay nil) and omitted when absent.
func (g *generator) fields(fields []*schema.Field) []jen.Code {
	out := make([]jen.Code, 0, len(fields))
	for _, fd := range fields {
		tag := fd.Name
		typ := goType(fd.Type)
		if fd.Optional {
			tag += ",omitempty"
			if fd.Type.Kind != schema.KindList && fd.Type.Kind != schema.KindMap {
				typ = jen.Op("*").Add(typ)
			}
		}
		st := jen.Id(fd.GoName).Add(typ).Tag(map[string]string{"json": tag})
		if fd.Doc != "" {
			out = append(out, docComment(fd.Doc))
		}
		out = append(out, st)
	}
	return out
}

// goType is the Go type of a schema type reference.
func goType(t *schema.TypeRef) *jen.Statement {
	switch t.Kind {
	case schema.KindString:
		return jen.String()
	case schema.KindInteger:
		return jen.Int64()
	case schema.KindFloat:
		return jen.Float64()
	case schema.KindBool:
		return jen.Bool()
	case schema.KindTime:
		return jen.Qual("time", "Time")
	case schema.KindList:
		return jen.Index().Add(goType(t.Elem))
	case schema.KindMap:
		return jen.Map(jen.String()).Add(goType(t.Elem))
	case schema.KindNamed:
		return jen.Id(t.Type.GoName)
	}
	panic(fmt.Sprintf("gengo: unknown type kind %d", t.Kind))
}

// fieldChecks renders the Validate statements of a struct's fields.
func fieldChecks(fields []*schema.Field) []jen.Code {
	var out []jen.Code
	for _, fd := range fields {
		path := jen.Lit(fd.Name)
		field := jen.Id("p").Dot(fd.GoName)
		container := fd.Type.Kind == schema.KindList || fd.Type.Kind == schema.KindMap
		switch {
		case container && !fd.Optional:
			out = append(out, jen.Id("c").Dot("Required").Call(path, field.Clone().Op("!=").Nil()))
			out = append(out, valueChecks(field, path, fd.Type, fd.Constraints, 0)...)
		case fd.Optional:
			value := field.Clone()
			if !container && fd.Type.Kind != schema.KindNamed {
				value = jen.Op("*").Add(field.Clone())
			}
			if inner := valueChecks(value, path, fd.Type, fd.Constraints, 0); len(inner) > 0 {
				out = append(out, jen.If(field.Clone().Op("!=").Nil()).Block(inner...))
			}
		default:
			out = append(out, valueChecks(field, path, fd.Type, fd.Constraints, 0)...)
		}
	}
	return out
}

// valueChecks renders the checks of one value v of type t at JSON path
// path; depth names the loop variables of nested lists and maps.
func valueChecks(v, path jen.Code, t *schema.TypeRef, c schema.Constraints, depth int) []jen.Code {
	check := func(method string, args ...jen.Code) jen.Code {
		return jen.Id("c").Dot(method).Call(append([]jen.Code{path}, args...)...)
	}
	var out []jen.Code
	switch t.Kind {
	case schema.KindInteger, schema.KindFloat:
		num := jen.Add(v)
		if t.Kind == schema.KindInteger {
			num = jen.Float64().Call(v)
		}
		if c.Min != nil {
			out = append(out, check("Min", num, jen.Lit(*c.Min)))
		}
		if c.Max != nil {
			out = append(out, check("Max", num, jen.Lit(*c.Max)))
		}
	case schema.KindString:
		if c.MinLength != nil {
			out = append(out, check("MinLength", v, jen.Lit(*c.MinLength)))
		}
		if c.MaxLength != nil {
			out = append(out, check("MaxLength", v, jen.Lit(*c.MaxLength)))
		}
	case schema.KindNamed:
		if t.Type.Kind == schema.EnumType || len(checksOf(t.Type)) > 0 {
			out = append(out, check("Check", jen.Add(v).Dot("Validate").Call()))
		}
	case schema.KindList, schema.KindMap:
		if c.MinItems != nil {
			out = append(out, check("MinItems", jen.Len(v), jen.Lit(*c.MinItems)))
		}
		if c.MaxItems != nil {
			out = append(out, check("MaxItems", jen.Len(v), jen.Lit(*c.MaxItems)))
		}
		out = append(out, elemChecks(v, path, t, depth)...)
	}
	return out
}

// elemChecks renders a loop checking every element of a list or map whose
// elements have checks of their own. Map keys are visited in sorted order
// so that errors come out in a stable order.
func elemChecks(v, path jen.Code, t *schema.TypeRef, depth int) []jen.Code {
	if !hasChecks(t.Elem) {
		return nil
	}
	if t.Kind == schema.KindList {
		i := fmt.Sprintf("i%d", depth)
		elem := jen.Add(v).Index(jen.Id(i))
		inner := valueChecks(elem, jen.Qual(validatePkg, "Index").Call(path, jen.Id(i)), t.Elem, schema.Constraints{}, depth+1)
		return []jen.Code{jen.For(jen.Id(i).Op(":=").Range().Add(v)).Block(inner...)}
	}
	k := fmt.Sprintf("k%d", depth)
	elem := jen.Add(v).Index(jen.Id(k))
	inner := valueChecks(elem, jen.Qual(validatePkg, "Key").Call(path, jen.Id(k)), t.Elem, schema.Constraints{}, depth+1)
	keys := jen.Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(v))
	return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id(k)).Op(":=").Range().Add(keys)).Block(inner...)}
}

// hasChecks reports whether a value of t (without constraints of its own)
// needs checking: enums, structs with checks, and containers of those.
func hasChecks(t *schema.TypeRef) bool {
	switch t.Kind {
	case schema.KindNamed:
		return t.Type.Kind == schema.EnumType || len(checksOf(t.Type)) > 0
	case schema.KindList, schema.KindMap:
		return hasChecks(t.Elem)
	}
	return false
}

// checksOf returns the Validate statements of a struct type.
func checksOf(t *schema.Type) []jen.Code {
	if t.Kind != schema.StructType {
		return nil
	}
	return fieldChecks(t.Fields)
}

// typeComment documents a schema type with its schema doc.
func typeComment(name, doc string) *jen.Statement {
	if doc == "" {
		return docComment(name + " is a type of the schema.")
	}
	return docComment(name + ": " + doc)
}
