package io.hvreplica.wsman.xml.wsman;

import java.math.BigInteger;
import javax.xml.datatype.Duration;
import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.wsman.xml.wsman package. 
 * <p>An ObjectFactory allows you to programmatically 
 * construct new instances of the Java representation 
 * for XML content. The Java representation of XML 
 * content can consist of schema derived interfaces 
 * and classes representing the binding of schema 
 * type definitions, element declarations and model 
 * groups.  Factory methods for each of these are 
 * provided in this class.
 * 
 */
@XmlRegistry
public class ObjectFactory {

    private static final QName _ResourceURI_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "ResourceURI");
    private static final QName _SelectorSet_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "SelectorSet");
    private static final QName _OptionSet_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "OptionSet");
    private static final QName _MaxEnvelopeSize_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "MaxEnvelopeSize");
    private static final QName _OperationTimeout_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "OperationTimeout");
    private static final QName _Locale_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "Locale");
    private static final QName _OptimizeEnumeration_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "OptimizeEnumeration");
    private static final QName _MaxElements_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "MaxElements");
    private static final QName _EnumerationMode_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "EnumerationMode");
    private static final QName _Filter_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "Filter");
    private static final QName _Items_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "Items");
    private static final QName _Item_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "Item");
    private static final QName _EndOfSequence_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "EndOfSequence");
    private static final QName _FaultDetail_QNAME = new QName("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", "FaultDetail");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.wsman.xml.wsman
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link AttributableURI }
     * 
     * @return
     *     the new instance of {@link AttributableURI }
     */
    public AttributableURI createAttributableURI() {
        return new AttributableURI();
    }

    /**
     * Create an instance of {@link SelectorSetType }
     * 
     * @return
     *     the new instance of {@link SelectorSetType }
     */
    public SelectorSetType createSelectorSetType() {
        return new SelectorSetType();
    }

    /**
     * Create an instance of {@link OptionSetType }
     * 
     * @return
     *     the new instance of {@link OptionSetType }
     */
    public OptionSetType createOptionSetType() {
        return new OptionSetType();
    }

    /**
     * Create an instance of {@link AttributablePositiveInteger }
     * 
     * @return
     *     the new instance of {@link AttributablePositiveInteger }
     */
    public AttributablePositiveInteger createAttributablePositiveInteger() {
        return new AttributablePositiveInteger();
    }

    /**
     * Create an instance of {@link LocaleType }
     * 
     * @return
     *     the new instance of {@link LocaleType }
     */
    public LocaleType createLocaleType() {
        return new LocaleType();
    }

    /**
     * Create an instance of {@link EmptyType }
     * 
     * @return
     *     the new instance of {@link EmptyType }
     */
    public EmptyType createEmptyType() {
        return new EmptyType();
    }

    /**
     * Create an instance of {@link FilterType }
     * 
     * @return
     *     the new instance of {@link FilterType }
     */
    public FilterType createFilterType() {
        return new FilterType();
    }

    /**
     * Create an instance of {@link AnyListType }
     * 
     * @return
     *     the new instance of {@link AnyListType }
     */
    public AnyListType createAnyListType() {
        return new AnyListType();
    }

    /**
     * Create an instance of {@link SelectorType }
     * 
     * @return
     *     the new instance of {@link SelectorType }
     */
    public SelectorType createSelectorType() {
        return new SelectorType();
    }

    /**
     * Create an instance of {@link OptionType }
     * 
     * @return
     *     the new instance of {@link OptionType }
     */
    public OptionType createOptionType() {
        return new OptionType();
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link AttributableURI }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link AttributableURI }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "ResourceURI")
    public JAXBElement<AttributableURI> createResourceURI(AttributableURI value) {
        return new JAXBElement<>(_ResourceURI_QNAME, AttributableURI.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link SelectorSetType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link SelectorSetType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "SelectorSet")
    public JAXBElement<SelectorSetType> createSelectorSet(SelectorSetType value) {
        return new JAXBElement<>(_SelectorSet_QNAME, SelectorSetType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link OptionSetType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link OptionSetType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "OptionSet")
    public JAXBElement<OptionSetType> createOptionSet(OptionSetType value) {
        return new JAXBElement<>(_OptionSet_QNAME, OptionSetType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link AttributablePositiveInteger }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link AttributablePositiveInteger }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "MaxEnvelopeSize")
    public JAXBElement<AttributablePositiveInteger> createMaxEnvelopeSize(AttributablePositiveInteger value) {
        return new JAXBElement<>(_MaxEnvelopeSize_QNAME, AttributablePositiveInteger.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link Duration }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link Duration }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "OperationTimeout")
    public JAXBElement<Duration> createOperationTimeout(Duration value) {
        return new JAXBElement<>(_OperationTimeout_QNAME, Duration.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link LocaleType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link LocaleType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "Locale")
    public JAXBElement<LocaleType> createLocale(LocaleType value) {
        return new JAXBElement<>(_Locale_QNAME, LocaleType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link EmptyType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link EmptyType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "OptimizeEnumeration")
    public JAXBElement<EmptyType> createOptimizeEnumeration(EmptyType value) {
        return new JAXBElement<>(_OptimizeEnumeration_QNAME, EmptyType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link BigInteger }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link BigInteger }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "MaxElements")
    public JAXBElement<BigInteger> createMaxElements(BigInteger value) {
        return new JAXBElement<>(_MaxElements_QNAME, BigInteger.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link EnumerationModeType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link EnumerationModeType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "EnumerationMode")
    public JAXBElement<EnumerationModeType> createEnumerationMode(EnumerationModeType value) {
        return new JAXBElement<>(_EnumerationMode_QNAME, EnumerationModeType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link FilterType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link FilterType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "Filter")
    public JAXBElement<FilterType> createFilter(FilterType value) {
        return new JAXBElement<>(_Filter_QNAME, FilterType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link AnyListType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link AnyListType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "Items")
    public JAXBElement<AnyListType> createItems(AnyListType value) {
        return new JAXBElement<>(_Items_QNAME, AnyListType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link AnyListType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link AnyListType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "Item")
    public JAXBElement<AnyListType> createItem(AnyListType value) {
        return new JAXBElement<>(_Item_QNAME, AnyListType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link EmptyType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link EmptyType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "EndOfSequence")
    public JAXBElement<EmptyType> createEndOfSequence(EmptyType value) {
        return new JAXBElement<>(_EndOfSequence_QNAME, EmptyType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link String }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link String }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", name = "FaultDetail")
    public JAXBElement<String> createFaultDetail(String value) {
        return new JAXBElement<>(_FaultDetail_QNAME, String.class, null, value);
    }

}
